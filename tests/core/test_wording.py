"""When two author texts read as one another, and the index that finds them without comparing
every pair: it must find exactly what comparing every pair finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.wording import TextIndex, content_words, reads_as

# A small vocabulary, filler included, so texts share words often (the hard case for an index).
WORDS = ["queue", "queues", "table", "stream", "global", "the", "and", "of", "s3", "cache", "read", "replica"]
texts = st.lists(st.sampled_from(WORDS), min_size=0, max_size=6).map(" ".join)


def test_plural_and_filler_do_not_change_what_a_text_says() -> None:
    assert content_words("The Queues of AWS") == content_words("queue")
    assert reads_as("SQS queue", "Amazon SQS standard queue")  # one within the other
    assert not reads_as("SQS queue", "SNS topic")


def test_near_duplicates_read_alike_only_when_asked() -> None:
    a, b = "Aurora global database replicas read", "Aurora global database replicas write"
    assert reads_as(a, b) and not reads_as(a, b, near=False)


@settings(max_examples=300, deadline=None)
@given(st.lists(texts, min_size=1, max_size=25), texts, st.booleans())
def test_the_index_finds_exactly_what_comparing_every_text_finds(many: list[str], probe: str, near: bool) -> None:
    index = TextIndex(many)
    assert index.similar(probe, near) == [i for i, text in enumerate(many) if reads_as(probe, text, near)]


def test_first_similar_is_the_first_earlier_text_similar_finds() -> None:
    texts = [
        "Use a queue",
        "Use a queue with retries",
        "A queue",
        "Stream the events",
        "",
        "...",
        "Stream events",
        "Use a queue",
        "Events streamed to a queue with retries",
    ]
    index = TextIndex(texts)
    for near in (True, False):
        for i, text in enumerate(texts):
            earlier = [j for j in index.similar(text, near=near) if j < i]
            assert index.first_similar(text, below=i, near=near) == (earlier[0] if earlier else None), (text, near)
