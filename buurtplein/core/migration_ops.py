"""Migration operations that only touch the database on one vendor."""

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


class SharedBtreeGinExtension(BtreeGinExtension):
    """``CREATE EXTENSION IF NOT EXISTS btree_gin`` (PostgreSQL only), kept when the migration
    is reversed: several apps' search indexes lead with the neighbourhood and use it, so one
    app going back must not drop it under the others'."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass
