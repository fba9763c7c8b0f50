"""The process-pool reader: same results, same order, progress, cancellation."""

from __future__ import annotations

from vcard_helpers import generated_file

from netdesk.vcard import iter_vcards_parallel, read_vcards


def test_small_files_are_read_in_process_with_progress() -> None:
    data = generated_file(25)
    seen: list[tuple[int, int]] = []
    results = list(
        iter_vcards_parallel(data, "f.vcf", chunk=10, progress=lambda d, t: seen.append((d, t)))
    )
    assert results == read_vcards(data, "f.vcf")
    assert seen == [(10, 25), (20, 25), (25, 25)]


def test_worker_processes_give_the_same_results_in_file_order() -> None:
    data = generated_file(90)
    seen: list[tuple[int, int]] = []
    results = list(
        iter_vcards_parallel(
            data,
            "big.vcf",
            "DE",
            workers=2,
            chunk=20,
            min_cards=0,
            progress=lambda d, t: seen.append((d, t)),
        )
    )
    assert results == read_vcards(data, "big.vcf", "DE")
    assert [r.card for r in results] == list(range(1, 91))
    assert seen[-1] == (90, 90) and len(seen) == 5


def test_cancel_between_chunks() -> None:
    data = generated_file(120)
    calls: list[int] = []

    def progress(done: int, total: int) -> None:
        calls.append(done)

    results = list(
        iter_vcards_parallel(
            data,
            workers=2,
            chunk=10,
            min_cards=0,
            progress=progress,
            should_cancel=lambda: len(calls) >= 2,
        )
    )
    assert len(results) == 20
    assert [r.card for r in results] == list(range(1, 21))


def test_cancel_before_anything_in_process() -> None:
    assert list(iter_vcards_parallel(generated_file(5), should_cancel=lambda: True)) == []
