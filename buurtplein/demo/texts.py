"""Post texts composed from the demo content: many different, believable Dutch messages."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from buurtplein.core.text import render_markdown
from buurtplein.demo import data


@dataclass(frozen=True)
class PostText:
    category: str
    title: str
    paragraphs: tuple[str, ...]
    public: bool

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def html(self) -> str:
        """The same HTML as ``render_markdown(self.text)``, from cached paragraphs."""
        return "\n".join(render_cached(paragraph) for paragraph in self.paragraphs)


@lru_cache(maxsize=4096)
def render_cached(paragraph: str) -> str:
    """``render_markdown`` for texts that repeat (one paragraph, or a whole comment)."""
    return render_markdown(paragraph)


def compose_post(rng: random.Random, streets: list[str], k: int) -> PostText:
    """The ``k``-th post of a neighbourhood: a curated message, sometimes with one of its own
    extra lines (written for that post, so it always fits), and a sign-off that suits its kind
    (a question thanks in advance, news does not)."""
    category, title, text, public, extras = data.POSTS[k % len(data.POSTS)]
    street = rng.choice(streets)
    paragraphs = [text.format(street=street)]
    if rng.random() < 0.6:
        extra = rng.choice(extras)
        paragraphs.append(
            extra.format(street=street, number=rng.randint(1, 180), age=rng.randint(70, 95))
        )
    sign_off = rng.choice(data.SIGN_OFFS[category])
    if sign_off:
        paragraphs.append(sign_off)
    return PostText(category, title.format(street=street), tuple(paragraphs), public)


def comment_for(rng: random.Random, category: str) -> str:
    """A neighbour's comment that fits any post of this kind."""
    return rng.choice(data.COMMENTS[category])


def intro_for(rng: random.Random, role: str, organisation: str = "") -> str:
    """What a person writes about themselves on their profile, fitting their role: a
    professional tells what they do for their organisation, a resident about their life."""
    choices = data.ROLE_INTROS.get(role) or data.INTROS
    return rng.choice(choices).format(
        years=rng.randint(1, 40), country=rng.choice(data.COUNTRIES), organisation=organisation
    )
