"""The command line, ``germanclusters`` (also ``python -m germanclusters``).

It calls only the public API. Output formats: ``table`` (aligned text), ``json`` (an
array of objects as [`germanclusters.to_json`][germanclusters.to_json] writes them) and ``csv`` (a
flat table). Errors are one line on stderr; status 2 for bad usage or unknown names, 1
for invalid data or a failed write, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

import germanclusters as gc
from germanclusters import _views
from germanclusters.exports import WRITERS
from germanclusters.schemas import DATA_FILE_SCHEMAS
from germanclusters.tables import TABLES

FORMATS = ("table", "json", "csv")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"germanclusters: {message} (see --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="germanclusters",
                     description="Germany's innovation clusters and where they went abroad.")
    parser.add_argument("--version", action="store_true", help="print package and data versions")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help: str, formats: Sequence[str] = FORMATS) -> Any:  # noqa: A002
        p = sub.add_parser(name, help=help, description=help)
        if formats:
            p.add_argument("--format", choices=formats, default=formats[0])
        return p

    lst = command("list", "list clusters, optionally filtered (or any flat table with --table)")
    lst.add_argument("--targeting", metavar="PLACE", help="a target country or ISO 3166-2 place")
    lst.add_argument("--partnering", metavar="PLACE", help="a partner's country or place")
    lst.add_argument("--phase", choices=[k.value for k in gc.PhaseKind])
    lst.add_argument("--programme", metavar="ID", help="programme id or name (see 'programmes')")
    lst.add_argument("--round", type=int)
    lst.add_argument("--state", help="German state: code, German or English name")
    lst.add_argument("--label", choices=[lv.value for lv in gc.LabelLevel],
                     help="at least this ECEI label level")
    lst.add_argument("--table", choices=sorted(TABLES), help="print this flat table instead")
    show = command("show", "show one cluster by id, name or alias")
    show.add_argument("cluster")
    ranked = command("countries", "target countries ranked by the clusters targeting them")
    ranked.add_argument("--phase", choices=[k.value for k in gc.PhaseKind])
    country = command("country", "normalise country names to ISO 3166-1")
    country.add_argument("name", nargs="+")
    command("programmes", "programme ids, names and rounds")
    command("sources", "source ids, titles, URLs and dates")
    export = command("export", "write the dataset to a directory", ())
    export.add_argument("directory", metavar="DIR")
    export.add_argument("--format", choices=sorted(WRITERS), default="csv")
    export.add_argument("--contacts", action="store_true",
                        help="include the business contacts (personal data)")
    export.add_argument("--overwrite", action="store_true", help="replace existing files")
    command("stats", "dataset summary: counts, coverage, data version", ("table", "json"))
    validate = command("validate", "run every check on the shipped data or a copy", ())
    validate.add_argument("directory", nargs="?")
    schema = command("schema", "print the JSON Schema of a data file", ())
    schema.add_argument("file", choices=DATA_FILE_SCHEMAS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Examples:
        >>> main(["country", "Tschechien"])
        input       alpha_2  alpha_3  numeric  name     name_de
        Tschechien  CZ       CZE      203      Czechia  Tschechien
        0
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    out = sys.stdout
    try:
        if args.version:
            out.write(f"germanclusters {gc.__version__} (data {gc.data_version()})\n")
            return 0
        if args.command is None:
            parser.print_help(out)
            return 2
        return int(globals()[f"_{args.command}"](out, args))
    except KeyboardInterrupt:
        sys.stderr.write("germanclusters: interrupted\n")
        return 130
    except BrokenPipeError:
        return 1
    except (gc.DataError, gc.MissingExtra, gc.ExportPathError) as exc:
        sys.stderr.write(f"germanclusters: {exc}\n")
        return 1
    except (gc.GermanClustersError, ValueError, TypeError, FileExistsError) as exc:
        message = str(exc).replace("overwrite=True", "--overwrite")
        sys.stderr.write(f"germanclusters: {message}\n")
        return 2
    except OSError as exc:
        sys.stderr.write(f"germanclusters: cannot write {exc.filename or ''}: "
                         f"{exc.strerror or exc}\n")
        return 1


def _print(out: TextIO, rows: Sequence[dict[str, Any]], fmt: str, data: Any = None) -> None:
    if fmt == "json":
        out.write(gc.to_json(data) if data is not None else json.dumps(rows, indent=2) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        if rows:
            writer.writerow(rows[0])
        writer.writerows([["" if v is None else v for v in r.values()] for r in rows])
    elif rows:
        header = list(rows[0])
        cells = [header] + [["" if v is None else str(v) for v in r.values()] for r in rows]
        widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
        for row in cells:
            line = "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))
            out.write(line.rstrip() + "\n")


def _list(out: TextIO, args: argparse.Namespace) -> int:
    found = gc.clusters()
    if args.targeting:
        found = found.targeting(args.targeting, phase=args.phase)
    if args.partnering:
        found = found.partnering(args.partnering)
    if args.programme:
        found = found.in_programme(args.programme, round=args.round)
    if args.state:
        found = found.in_state(args.state)
    if args.label:
        found = found.with_label(args.label)
    if args.table:
        rows = gc.to_records(found if TABLES[args.table].kind == "clusters" else
                             gc.programmes() if TABLES[args.table].kind == "programmes"
                             else gc.sources(), table=args.table)
        _print(out, rows, args.format)
        return 0
    rows = [{"id": c.id, "state": c.state, "name": c.name} for c in found]
    _print(out, rows if args.format == "table" else gc.to_records(found), args.format, found)
    return 0


def _show(out: TextIO, args: argparse.Namespace) -> int:
    c = gc.cluster(args.cluster)
    if args.format == "json":
        out.write(gc.to_json(c))
    elif args.format == "csv":
        _print(out, gc.to_records(gc.clusters().where(lambda x: x is c),
                                  table="target_countries"), "csv")
    else:
        out.write(_views.text(c) + "\n")
    return 0


def _countries(out: TextIO, args: argparse.Namespace) -> int:
    ranked = gc.clusters().by_country(phase=args.phase)
    rows = [{"rank": 1 + sum(1 for g in ranked.values() if len(g) > len(found)),
             "country": k.alpha_2, "name": k.name, "region": k.region, "clusters": len(found)}
            for k, found in ranked.items()]
    _print(out, rows, args.format)
    return 0


def _country(out: TextIO, args: argparse.Namespace) -> int:
    rows, failed = [], []
    for name in args.name:
        try:
            k = gc.normalize_country(name)
        except gc.UnknownCountry as exc:
            failed.append(f"germanclusters: {exc}\n")
            rows.append({"input": name, "alpha_2": None, "alpha_3": None, "numeric": None,
                         "name": None, "name_de": None})
            continue
        rows.append({"input": name, "alpha_2": k.alpha_2, "alpha_3": k.alpha_3,
                     "numeric": k.numeric, "name": k.name, "name_de": k.name_de})
    _print(out, rows, args.format)
    out.flush()
    sys.stderr.write("".join(failed))
    return 2 if failed else 0


def _programmes(out: TextIO, args: argparse.Namespace) -> int:
    rows = [{"id": p.id, "name": p.name, "funder": p.funder,
             "rounds": len(p.rounds) or None, "clusters": len(gc.clusters().in_programme(p.id))}
            for p in gc.programmes()]
    _print(out, rows, args.format, gc.programmes())
    return 0


def _sources(out: TextIO, args: argparse.Namespace) -> int:
    rows = [{"id": s.id, "as_of": s.as_of, "title": s.title, "url": s.url} for s in gc.sources()]
    _print(out, rows, args.format, gc.sources())
    return 0


def _export(out: TextIO, args: argparse.Namespace) -> int:
    if not args.directory.strip():
        raise ValueError("DIR must not be empty; name the directory to write to")
    try:
        paths = gc.export(args.directory, format=args.format, include_contacts=args.contacts,
                          overwrite=args.overwrite)
    except gc.ExportPathError as exc:
        raise exc.for_argument("DIR") from exc.__cause__
    for path in paths:
        out.write(f"{path}\n")
    return 0


def _stats(out: TextIO, args: argparse.Namespace) -> int:
    every = gc.clusters()
    counts = {p.id: len(every.in_programme(p.id)) for p in gc.programmes()}
    summary = {
        "package_version": gc.__version__, "data_version": gc.data_version(),
        "clusters": len(every), "with_seat_state": sum(1 for c in every if c.state),
        "with_dated_label": sum(1 for c in every if any(lab.awarded for lab in c.labels)),
        "programmes": counts, "sources": len(gc.sources()),
        "sources_dated": sum(1 for s in gc.sources() if s.as_of),
    }
    if args.format == "json":
        out.write(json.dumps(summary, indent=2) + "\n")
        return 0
    out.write(f"germanclusters {gc.__version__}, data version {gc.data_version()}\n")
    out.write(f"clusters: {len(every)} ({summary['with_seat_state']} with a seat state, "
              f"{summary['with_dated_label']} with a dated ECEI label)\n")
    out.write(f"sources: {summary['sources']} ({summary['sources_dated']} dated)\n")
    labels = sum(len(c.labels) for c in every)
    out.write(f"ECEI labels: {labels} awards of {sum(1 for c in every if c.labels)} clusters\n")
    out.write("clusters per programme (complete and partial ones: docs/coverage.md):\n")
    for p in gc.programmes():
        if counts[p.id]:
            out.write(f"  {counts[p.id]:>4}  {p.id}\n")
    return 0


def _validate(out: TextIO, args: argparse.Namespace) -> int:
    found = gc.validate(args.directory)
    out.write(f"ok: {args.directory or 'shipped data'}, data version {found.data_version}, "
              f"{len(found.files)} files, {len(found.sources)} sources; every check passed\n")
    return 0


def _schema(out: TextIO, args: argparse.Namespace) -> int:
    out.write(json.dumps(gc.json_schema(args.file), indent=2, ensure_ascii=False) + "\n")
    return 0
