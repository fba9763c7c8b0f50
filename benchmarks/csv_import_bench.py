"""CSV import speed: rows per second for an Outlook-style CSV file.

    uv run python benchmarks/csv_import_bench.py [--rows 10000] [--repeat 3]

The demo-data generator makes ``--rows`` people (names, company, title, emails, phones, a work
address, birthdays, tags, notes), written as an Outlook "Comma Separated Values (Windows)"
export: Outlook's column names, ``M/D/YYYY`` birthdays, ``;``-separated categories, an
unknown column (``Hobby``) that ends up in the notes. Then, best of ``--repeat``:

* reading alone (``netdesk.formats.csv.read_csv``: decode, find the header, map every row);
* the import preview (reading plus matching against the empty database);
* the whole import into an empty database (preview + apply in one transaction + indexing).
"""

from __future__ import annotations

import argparse
import csv
import io
import tempfile
import time
from pathlib import Path

HEADER = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Title",
    "Suffix",
    "Company",
    "Department",
    "Job Title",
    "Business Street",
    "Business City",
    "Business State",
    "Business Postal Code",
    "Business Country/Region",
    "Business Phone",
    "Mobile Phone",
    "Home Phone",
    "E-mail Address",
    "E-mail Type",
    "E-mail 2 Address",
    "Web Page",
    "Birthday",
    "Notes",
    "Categories",
    "Hobby",
    "Priority",
    "Sensitivity",
]


def generate(count: int) -> bytes:
    from netdesk.services import demodata

    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(HEADER)
    for n, c in enumerate(demodata.generate_contacts(count, seed=7)):
        phones = {p.label: p.value for p in c.phones}
        address = c.addresses[0] if c.addresses else None
        b = c.birthday
        birthday = f"{b.month}/{b.day}/{b.year}" if b and b.year else "0/0/00"
        emails = [e.value for e in c.emails] + ["", ""]
        writer.writerow(
            [
                c.given_name,
                c.additional_names,
                c.family_name,
                c.prefix,
                c.suffix,
                c.organization,
                c.department,
                c.title,
                address.street if address else "",
                address.locality if address else "",
                address.region if address else "",
                address.postal_code if address else "",
                address.country if address else "",
                phones.get("work", ""),
                phones.get("mobile", ""),
                phones.get("home", ""),
                emails[0],
                "SMTP" if emails[0] else "",
                emails[1],
                c.urls[0].value if c.urls else "",
                birthday,
                c.notes,
                ";".join(c.tags),
                "chess" if n % 7 == 0 else "",
                "Normal",
                "Normal",
            ]
        )
    return buf.getvalue().encode("utf-8")


def best(repeat: int, fn: object) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from netdesk.formats.csv import read_csv
    from netdesk.services.container import Services
    from netdesk.settings import SettingsStore

    data = generate(args.rows)
    with tempfile.TemporaryDirectory(prefix="netdesk-csv-bench-") as tmp:
        path = Path(tmp) / "outlook.csv"
        path.write_bytes(data)
        print(f"{args.rows:,} rows, {len(data) / 1e6:.1f} MB")
        t_read, results = best(args.repeat, lambda: read_csv(data, str(path), "DE"))
        assert isinstance(results, list) and len(results) == args.rows
        unreadable = sum(1 for r in results if r.contact is None)
        print(
            f"read:     {t_read:6.2f} s  {args.rows / t_read:9,.0f} rows/s  "
            f"({unreadable} unreadable)"
        )
        imports = []
        previews = []
        for n in range(args.repeat):
            home = Path(tmp) / f"home{n}"
            home.mkdir()
            services = Services.open(home / "netdesk.db", SettingsStore(home / "config"))
            try:
                start = time.perf_counter()
                plan = services.interchange.preview([path])
                previews.append(time.perf_counter() - start)
                report = services.interchange.apply(plan, "merge")
                imports.append(time.perf_counter() - start)
                del plan
            finally:
                services.close()
        t_preview, t_import = min(previews), min(imports)
        print(f"preview:  {t_preview:6.2f} s  {args.rows / t_preview:9,.0f} rows/s")
        print(
            f"import:   {t_import:6.2f} s  {args.rows / t_import:9,.0f} rows/s  "
            f"({report.summary()})"
        )


if __name__ == "__main__":
    main()
