from dataclasses import dataclass

import pytest

from mock_server.core.store import IndexedStore


@dataclass(frozen=True)
class Row:
    key: str
    colour: str
    size: int


def store() -> IndexedStore[Row]:
    return IndexedStore(
        key=lambda r: r.key, indexes={"all": lambda r: 0, "colour": lambda r: r.colour}
    )


def keys(page):
    return [r.key for r in page.records]


def test_pages_are_newest_first_with_offset_and_limit():
    s = store()
    for i in range(5):
        s.add(Row(f"k{i}", "red", i))

    assert keys(s.page({"all": 0}, 0, 2)) == ["k4", "k3"]
    assert keys(s.page({"all": 0}, 3, 5)) == ["k1", "k0"]
    assert s.page({"all": 0}, 0, 2).has_more
    assert not s.page({"all": 0}, 3, 2).has_more


def test_replace_moves_a_record_between_buckets_keeping_creation_order():
    s = store()
    s.add(Row("a", "red", 1))
    s.add(Row("b", "blue", 1))
    s.add(Row("c", "red", 1))

    s.replace(Row("b", "red", 2))

    assert keys(s.page({"colour": "red"}, 0, 10)) == ["c", "b", "a"]
    assert keys(s.page({"colour": "blue"}, 0, 10)) == []
    assert s.get("b") == Row("b", "red", 2)


def test_several_filters_must_all_match():
    s = IndexedStore(
        key=lambda r: r.key, indexes={"colour": lambda r: r.colour, "size": lambda r: r.size}
    )
    s.add(Row("a", "red", 1))
    s.add(Row("b", "red", 2))
    s.add(Row("c", "blue", 2))

    assert keys(s.page({"colour": "red", "size": 2}, 0, 10)) == ["b"]


def test_adding_a_duplicate_key_fails():
    s = store()
    s.add(Row("a", "red", 1))

    with pytest.raises(KeyError):
        s.add(Row("a", "red", 1))


def test_clear_empties_everything():
    s = store()
    s.add(Row("a", "red", 1))
    s.clear()

    assert len(s) == 0
    assert s.get("a") is None
    assert keys(s.page({"all": 0}, 0, 5)) == []


def test_single_filter_pages_agree_with_the_general_walk():
    s = IndexedStore(
        key=lambda r: r.key, indexes={"colour": lambda r: r.colour, "size": lambda r: r.size}
    )
    for i in range(23):
        s.add(Row(f"k{i}", "red" if i % 3 else "blue", 1))
    for offset in range(0, 25, 4):
        for limit in (1, 5, 30):
            fast = s.page({"colour": "red"}, offset, limit)
            walked = s.page({"colour": "red", "size": 1}, offset, limit)  # two filters: the walk
            assert keys(fast) == keys(walked)
            assert fast.has_more == walked.has_more


def test_a_removed_record_is_gone_from_get_pages_iteration_and_newest():
    s = store()
    for key, colour in (("a", "red"), ("b", "blue"), ("c", "red"), ("d", "red")):
        s.add(Row(key, colour, 1))

    assert s.remove("c") == Row("c", "red", 1)

    assert s.get("c") is None
    assert len(s) == 3
    assert [r.key for r in s] == ["a", "b", "d"]
    assert [r.key for r in s.newest(2)] == ["d", "b"]
    assert keys(s.page({"colour": "red"}, 0, 10)) == ["d", "a"]
    assert keys(s.page({"colour": "red"}, 0, 1)) == ["d"]
    assert s.page({"colour": "red"}, 0, 1).has_more
    assert keys(s.page({"colour": "red"}, 0, 10, lambda r: True)) == ["d", "a"]


def test_removing_an_unknown_key_changes_nothing_and_a_key_can_come_back():
    s = store()
    s.add(Row("a", "red", 1))

    assert s.remove("zz") is None
    s.remove("a")
    s.add(Row("a", "blue", 2))

    assert [r.key for r in s] == ["a"]
    assert keys(s.page({"colour": "blue"}, 0, 10)) == ["a"]
    assert keys(s.page({"colour": "red"}, 0, 10)) == []
