import factory
from django.db.models import F
from django_scopes import scopes_disabled

from buurtplein.core.text import render_markdown
from buurtplein.square.actions import _index_for_search
from buurtplein.square.models import Category, Comment, Post, Visibility


class ScopeFreeFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


class PostFactory(ScopeFreeFactory):
    class Meta:
        model = Post

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        post = super()._create(model_class, *args, **kwargs)
        with scopes_disabled():
            _index_for_search(post)  # as post_create does (PostgreSQL)
        return post

    neighbourhood = factory.SubFactory("buurtplein.core.tests.factories.NeighbourhoodFactory")
    author = factory.SubFactory("buurtplein.accounts.tests.factories.UserFactory")
    category = Category.QUESTION
    title = factory.Sequence(lambda n: f"Vraag {n}")
    text = "Weet iemand wanneer het grofvuil wordt opgehaald?"
    text_html = factory.LazyAttribute(lambda o: render_markdown(o.text))
    search_text = factory.LazyAttribute(lambda o: f"{o.title}\n{o.text}")
    visibility = Visibility.MEMBERS


class CommentFactory(ScopeFreeFactory):
    class Meta:
        model = Comment

    post = factory.SubFactory(PostFactory)
    neighbourhood = factory.SelfAttribute("post.neighbourhood")
    author = factory.SubFactory("buurtplein.accounts.tests.factories.UserFactory")
    text = "Donderdag, volgens de afvalkalender."
    text_html = factory.LazyAttribute(lambda o: render_markdown(o.text))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        comment = super()._create(model_class, *args, **kwargs)
        with scopes_disabled():
            Post.objects.filter(pk=comment.post_id).update(comment_count=F("comment_count") + 1)
        return comment
