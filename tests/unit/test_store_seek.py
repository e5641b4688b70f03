"""IndexedStore.seek: keyset pages that hold while records are added, at any depth."""

from __future__ import annotations

from dataclasses import dataclass, replace

from mock_server.core.store import IndexedStore, Seek


@dataclass(frozen=True)
class Row:
    key: str
    colour: str
    size: int


def store(rows: int = 0) -> IndexedStore[Row]:
    s: IndexedStore[Row] = IndexedStore(
        key=lambda r: r.key, indexes={"all": lambda r: 0, "colour": lambda r: r.colour}
    )
    for i in range(rows):
        s.add(Row(f"k{i}", "red" if i % 3 else "blue", i))
    return s


def walk(s: IndexedStore[Row], where, limit, **kwargs) -> list[list[str]]:
    pages, before = [], None
    while True:
        page: Seek[Row] = s.seek(where, limit, before, **kwargs)
        pages.append([r.key for r in page.records])
        if page.next_before is None:
            return pages
        before = page.next_before


def test_pages_walk_newest_first_and_the_last_has_no_continuation():
    assert walk(store(5), {"all": 0}, 2) == [["k4", "k3"], ["k2", "k1"], ["k0"]]


def test_an_exact_fit_ends_without_an_empty_extra_page():
    assert walk(store(4), {"all": 0}, 2) == [["k3", "k2"], ["k1", "k0"]]
    assert walk(store(4), {"all": 0}, 2, also=lambda r: True) == [["k3", "k2"], ["k1", "k0"]]


def test_records_added_while_paging_never_shift_later_pages():
    s = store(6)
    first = s.seek({"all": 0}, 3)
    s.add(Row("new", "red", 99))

    second = s.seek({"all": 0}, 3, first.next_before)

    assert [r.key for r in second.records] == ["k2", "k1", "k0"]
    assert second.next_before is None


def test_filters_and_predicates_continue_after_the_last_record_returned():
    s = store(10)

    pages = walk(s, {"all": 0, "colour": "red"}, 2, also=lambda r: r.size != 5)

    assert pages == [["k8", "k7"], ["k4", "k2"], ["k1"]]


def test_stop_ends_the_walk_at_the_first_record_too_old():
    s = store(10)

    pages = walk(s, {"all": 0}, 3, also=lambda r: True, stop=lambda r: r.size < 6)

    assert pages == [["k9", "k8", "k7"], ["k6"]]


def test_a_record_moving_between_buckets_keeps_its_place_in_the_walk():
    s = store(6)
    first = s.seek({"colour": "red"}, 2)  # k5, k4
    s.replace(replace(s.get("k3") or Row("", "", 0), colour="red"))

    second = s.seek({"colour": "red"}, 2, first.next_before)

    assert [r.key for r in second.records] == ["k3", "k2"]


def test_a_deep_page_of_a_large_store_reads_only_what_it_returns():
    s = store(100_000)
    looked_at: list[Row] = []

    def counting(row: Row) -> bool:
        looked_at.append(row)
        return True

    page = s.seek({"all": 0}, 25, 50_000, also=counting)

    assert [r.key for r in page.records][:2] == ["k49999", "k49998"]
    assert page.next_before == 49_975
    assert len(looked_at) == 26  # the page, and one more to know it is not the last
