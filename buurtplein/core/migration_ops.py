"""Migration operations that only touch the database on one vendor, and the operations that
make a model searchable (:func:`add_search_words`)."""

from django.contrib.postgres.operations import BtreeGinExtension
from django.db import migrations


class PostgreSQLOnlyAddIndex(migrations.AddIndex):
    """Create an index on PostgreSQL only (e.g. a full-text GIN index); a no-op elsewhere.

    The index is not part of the model state, so the model's ``Meta.indexes`` stay portable and
    ``makemigrations`` never tries to drop it.
    """

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            model = from_state.apps.get_model(app_label, self.model_name)
            schema_editor.add_index(model, self.index)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            model = from_state.apps.get_model(app_label, self.model_name)
            schema_editor.remove_index(model, self.index)

    def describe(self):
        return f"Create index {self.index.name} on {self.model_name} (PostgreSQL only)"


class PostgreSQLOnlyRemoveIndex(migrations.RemoveIndex):
    """Drop an index made by :class:`PostgreSQLOnlyAddIndex` (PostgreSQL only; a no-op
    elsewhere). Give the index as it was made, so that going back creates it again."""

    def __init__(self, model_name, index):
        self.index = index
        super().__init__(model_name=model_name, name=index.name)

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            model = from_state.apps.get_model(app_label, self.model_name)
            schema_editor.remove_index(model, self.index)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            model = from_state.apps.get_model(app_label, self.model_name)
            schema_editor.add_index(model, self.index)

    def deconstruct(self):
        return self.__class__.__name__, [], {"model_name": self.model_name, "index": self.index}

    def describe(self):
        return f"Remove index {self.name} from {self.model_name} (PostgreSQL only)"


class SearchIndexWithoutPendingList(migrations.operations.base.Operation):
    """Switch off ``fastupdate`` of a search GIN index (PostgreSQL only; a no-op elsewhere) and
    move its pending list into the index.

    With ``fastupdate`` on (PostgreSQL's default) new rows' words go to an unsorted pending
    list of up to ``gin_pending_list_limit`` (4 MB) that every search reads in full until a
    vacuum moves it into the index: posts at S, 413 pending pages, made a search for "bridge"
    3.7 ms instead of 1.2 (``bench/RESULTS.md``, tenth round). Things are written at the
    speed people type, so the index is kept sorted on every write instead. New search indexes
    are made without it (:func:`add_search_words`)."""

    reversible = True

    def __init__(self, index_name: str):
        self.index_name = index_name

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            name = schema_editor.quote_name(self.index_name)
            schema_editor.execute(f"ALTER INDEX {name} SET (fastupdate = off)")
            schema_editor.execute("SELECT gin_clean_pending_list(%s::regclass)", [self.index_name])

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            name = schema_editor.quote_name(self.index_name)
            schema_editor.execute(f"ALTER INDEX {name} RESET (fastupdate)")

    def deconstruct(self):
        return self.__class__.__name__, [self.index_name], {}

    def describe(self):
        return f"Search index {self.index_name} without a pending list (PostgreSQL only)"


class SharedBtreeGinExtension(BtreeGinExtension):
    """``CREATE EXTENSION IF NOT EXISTS btree_gin`` (PostgreSQL only), kept when the migration
    is reversed: several apps' search indexes lead with the neighbourhood and use it, so one
    app going back must not drop it under the others'."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass


class FillSearchWords:
    """The ``RunPython`` code of :func:`add_search_words`: fill ``search_text`` of every row of
    ``app_label.ModelName`` from ``words`` (attribute paths such as ``"organisation.name"``; a
    path through an empty relation gives nothing), then, on PostgreSQL, its Dutch vector. In
    batches of 1000 rows. (A class, not a closure, so that ``squashmigrations`` could copy it.)"""

    BATCH = 1000

    def __init__(self, model: str, words: tuple[str, ...]):
        self.model = model
        self.words = tuple(words)

    def related(self) -> list[str]:
        """The relations the paths go through (read with the rows: no query per row)."""
        return sorted({path.rsplit(".", 1)[0] for path in self.words if "." in path})

    def value(self, row, path: str):
        for name in path.split("."):
            row = getattr(row, name, None)
            if row is None:
                return ""
        return row

    def __call__(self, apps, schema_editor):
        from buurtplein.core.search import fill_vectors, text_of

        Model = apps.get_model(*self.model.split("."))
        rows = Model._base_manager.all()
        if self.related():
            rows = rows.select_related(*self.related())
        batch = []
        for row in rows.iterator(chunk_size=self.BATCH):
            row.search_text = text_of(*(self.value(row, path) for path in self.words))
            batch.append(row)
            if len(batch) >= self.BATCH:
                Model._base_manager.bulk_update(batch, ["search_text"])
                batch = []
        Model._base_manager.bulk_update(batch, ["search_text"])
        fill_vectors(Model)


def add_search_words(model: str, *, index: str, words: tuple[str, ...]) -> list:
    """The operations that make a model searchable by the neighbourhood's search
    (``core.search``), as the searched kinds of every component have them: a ``search_text``
    field (its stored search words), a ``search_vector`` field (their Dutch tsvector on
    PostgreSQL), a GIN index ``index`` on both that leads with the neighbourhood, without a
    pending list (PostgreSQL only: needs :class:`SharedBtreeGinExtension` before it;
    :class:`SearchIndexWithoutPendingList`), and filling both for the rows
    already there from ``words`` (:class:`FillSearchWords`). ``model`` is
    ``"app_label.ModelName"``. Use as ``operations = [SharedBtreeGinExtension(),
    *add_search_words(...)]``."""
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVectorField
    from django.db import models

    model_name = model.split(".")[1].lower()
    return [
        migrations.AddField(
            model_name=model_name,
            name="search_text",
            field=models.TextField(blank=True, editable=False, verbose_name="search words"),
        ),
        migrations.AddField(
            model_name=model_name,
            name="search_vector",
            field=SearchVectorField(editable=False, null=True, verbose_name="search vector"),
        ),
        PostgreSQLOnlyAddIndex(
            model_name=model_name,
            index=GinIndex(fields=["neighbourhood", "search_vector"], name=index, fastupdate=False),
        ),
        migrations.RunPython(FillSearchWords(model, words), migrations.RunPython.noop),
    ]


def switch_component_on(label: str) -> migrations.RunPython:
    """A data migration that switches the component ``label`` on in every neighbourhood that
    exists (new ones get it through ``Neighbourhood.components``' default), and off again when
    migrated back. One operation for every component that arrives after neighbourhoods exist."""

    def switch_on(apps, schema_editor):
        Neighbourhood = apps.get_model("core", "Neighbourhood")
        for neighbourhood in Neighbourhood.objects.all():
            components = list(neighbourhood.components or [])
            if label not in components:
                neighbourhood.components = [*components, label]
                neighbourhood.save(update_fields=["components"])

    def switch_off(apps, schema_editor):
        Neighbourhood = apps.get_model("core", "Neighbourhood")
        for neighbourhood in Neighbourhood.objects.all():
            if label in (neighbourhood.components or []):
                neighbourhood.components = [c for c in neighbourhood.components if c != label]
                neighbourhood.save(update_fields=["components"])

    return migrations.RunPython(switch_on, switch_off)
