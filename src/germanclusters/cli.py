"""The ``germanclusters`` command line: argument parsing and printing only.

It calls only the public API. ``--format table|json|csv`` chooses the output of
``list``, ``show``, ``countries``, ``country`` and ``stats``: ``json`` prints what
:func:`germanclusters.to_json` writes (an array for lists), ``csv`` the flat
tables of :func:`germanclusters.to_records`. Errors print one line on stderr and
exit with status 2 (bad usage, unknown names, with suggestions; an export that
would replace existing files without ``--overwrite``) or 1 (invalid shipped data, a
missing optional dependency, a file that cannot be written); Ctrl-C exits with
status 130. Never a traceback.

Examples:
    >>> from germanclusters.cli import main
    >>> main(["country", "Finnland"])
    FI  FIN  246  Finland  Finnland
    0
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

import germanclusters as gc
from germanclusters.exports import EXPORT_FORMATS, csv_cell
from germanclusters.schemas import DATA_FILE_SCHEMAS
from germanclusters.tables import LIST_SEPARATOR

__all__ = ["main"]

INTERNATIONALISATION = "internationalisation-of-leading-edge-clusters"
LEADING_EDGE = "leading-edge-cluster-competition"
OUTPUT_FORMATS = ("table", "json", "csv")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse prints usage and exits 2; keep it to one line
        self.exit(2, f"{self.prog}: error: {message}\n")


def _add_format(parser: argparse.ArgumentParser, choices: Sequence[str] = OUTPUT_FORMATS) -> None:
    parser.add_argument(
        "--format",
        choices=choices,
        default="table",
        help="output format (default: table)",
    )


def _add_filters(parser: argparse.ArgumentParser, *, targeting: bool) -> None:
    phases = [k.value for k in gc.PhaseKind]
    if targeting:
        parser.add_argument(
            "--targeting",
            metavar="COUNTRY",
            help="only clusters targeting this country (name in English or German, or ISO code)",
        )
        parser.add_argument(
            "--phase", choices=phases, help="with --targeting: only targets of this phase"
        )
    else:
        parser.add_argument("--phase", choices=phases, help="only targets of this phase")
    parser.add_argument(
        "--programme", metavar="ID", help="only clusters in this programme (id or name)"
    )
    parser.add_argument("--round", type=int, help="with --programme: only this round")
    parser.add_argument(
        "--state", metavar="STATE", help="only clusters in this German state (code or name)"
    )
    parser.add_argument(
        "--label",
        metavar="LEVEL",
        choices=[level.value for level in gc.LabelLevel],
        help="only clusters holding an ECEI label of at least this level",
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="germanclusters",
        description="Germany's innovation clusters and where they went abroad: a sourced dataset.",
    )
    parser.add_argument(
        "--version", action="store_true", help="print the package and data versions and exit"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    lst = sub.add_parser(
        "list",
        help="list clusters, optionally filtered",
        description="List clusters (id, seat state, name), optionally filtered. "
        "Example: germanclusters list --targeting Japan --phase implementation",
    )
    _add_filters(lst, targeting=True)
    _add_format(lst)

    show = sub.add_parser(
        "show", help="show one cluster", description="Show one cluster by id, name or alias."
    )
    show.add_argument("cluster", help="cluster id, name, short name or alias")
    _add_format(show)

    countries = sub.add_parser(
        "countries",
        help="countries ranked by the number of clusters targeting them",
        description="Rank the target countries by the number of clusters targeting them "
        "(in one phase with --phase), most first; ties share a rank.",
    )
    _add_filters(countries, targeting=False)
    countries.add_argument("--top", type=int, metavar="N", help="only the first N ranks")
    _add_format(countries)

    country = sub.add_parser(
        "country",
        help="normalise country names to ISO 3166-1",
        description="Normalise country names (English, German, codes, common typos) to "
        "ISO 3166-1: alpha-2, alpha-3, numeric, English and German name.",
    )
    country.add_argument("name", nargs="+", help="a country name or code")
    _add_format(country)

    export = sub.add_parser(
        "export",
        help="write the dataset to a directory",
        description="Write the whole dataset to DIR: a Frictionless data package "
        "(default), CSV files, canonical JSON or Parquet files; prints the paths written.",
    )
    export.add_argument("directory", metavar="DIR", help="directory to write (created if needed)")
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default="datapackage",
        help="export format (default: datapackage)",
    )
    export.add_argument(
        "--no-contacts",
        action="store_true",
        help="leave out the contacts (personal data)",
    )
    export.add_argument(
        "--overwrite",
        action="store_true",
        help="replace files of the same names in DIR (without it, existing files stop the export)",
    )

    stats = sub.add_parser(
        "stats",
        help="summary of the dataset: counts, data version, sources",
        description="Print counts of clusters, programmes and target countries, "
        "the data version and the sources.",
    )
    _add_format(stats, ("table", "json"))

    validate = sub.add_parser(
        "validate",
        help="re-check the shipped data (or a copy of it) and its checksums",
        description="Read the data again from disk, check every checksum, field and "
        "reference, and report the result; exit status 1 names the first problem.",
    )
    validate.add_argument(
        "directory", nargs="?", help="a copy of the data to check instead of the shipped data"
    )

    schema = sub.add_parser(
        "schema",
        help="print the JSON Schema of a data file",
        description="Print the JSON Schema (draft 2020-12) of a shipped data file, "
        "generated from the model.",
    )
    schema.add_argument("file", choices=DATA_FILE_SCHEMAS, help="the data file")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    Examples:
        >>> main(["country", "Czech Republic", "Tschechien"])
        CZ  CZE  203  Czechia  Tschechien
        CZ  CZE  203  Czechia  Tschechien
        0
    """
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl-C: the conventional status, no traceback
        sys.stderr.write("germanclusters: interrupted\n")
        return 130


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error already printed on one line
        return exc.code if isinstance(exc.code, int) else 2
    out = sys.stdout
    try:
        return _run(parser, args, out)
    except gc.DataError as exc:
        sys.stderr.write(f"germanclusters: invalid data: {exc}\n")
        return 1
    except gc.MissingExtra as exc:
        sys.stderr.write(f"germanclusters: {exc}\n")
        return 1
    except (gc.GermanClustersError, ValueError, TypeError) as exc:
        sys.stderr.write(f"germanclusters: {exc}\n")
        return 2
    except BrokenPipeError:  # e.g. `germanclusters list | head -1`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
        return 1
    except FileExistsError as exc:  # export would replace files: bad usage, see --overwrite
        sys.stderr.write(f"germanclusters: {exc.strerror or exc}: {exc.filename or ''}\n")
        return 2
    except OSError as exc:
        sys.stderr.write(f"germanclusters: {exc.strerror or exc}: {exc.filename or ''}\n")
        return 1


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace, out: TextIO) -> int:
    if args.version:
        out.write(f"germanclusters {gc.__version__} (data {gc.data_version()})\n")
        return 0
    if args.command is None:
        parser.print_help(out)
        return 2
    command = {
        "list": _list,
        "show": _show,
        "countries": _countries,
        "country": _country,
        "export": _export,
        "stats": _stats,
        "validate": _validate,
        "schema": _schema,
    }[args.command]
    return command(out, args)


# ------------------------------------------------------------------- helpers


def _write_csv(out: TextIO, rows: Sequence[dict[str, Any]], header: Sequence[str]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(row[k]) for k in header])


def _write_json(out: TextIO, data: object) -> None:
    out.write(
        json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    )


def _filtered(args: argparse.Namespace) -> gc.Clusters:
    targeting = getattr(args, "targeting", None)
    if targeting is None and args.phase and hasattr(args, "targeting"):
        raise ValueError("--phase needs --targeting")
    if args.round is not None and not args.programme:
        raise ValueError("--round needs --programme")
    found = gc.clusters()
    if targeting:
        found = found.targeting(targeting, phase=args.phase)
    if args.programme:
        found = found.in_programme(args.programme, round=args.round)
    if args.state:
        found = found.in_state(args.state)
    if args.label:
        found = found.with_label(args.label)
    return found


# ------------------------------------------------------------------ commands


def _list(out: TextIO, args: argparse.Namespace) -> int:
    found = _filtered(args)
    if args.format == "json":
        out.write(gc.to_json(found))
    elif args.format == "csv":
        rows = gc.to_records(found, table="clusters")
        _write_csv(out, rows, _columns(rows, "clusters"))
    else:
        width = max((len(c.id) for c in found), default=2)
        for c in found:
            out.write(f"{c.id:<{width}}  {c.state or '-':<5}  {c.name}\n")
    return 0


def _columns(rows: Sequence[dict[str, Any]], table: str) -> list[str]:
    if rows:
        return list(rows[0])
    # no rows: take the header from a table of one record
    return list(gc.to_records(gc.clusters()[:1], table=table)[0])


def _show(out: TextIO, args: argparse.Namespace) -> int:
    c = gc.cluster(args.cluster)
    if args.format == "json":
        out.write(gc.to_json(c))
        return 0
    if args.format == "csv":
        rows = gc.to_records(c, table="clusters")
        _write_csv(out, rows, list(rows[0]))
        return 0
    out.write(f"{c.name} [{c.id}]\n")
    rows_ = [
        ("organisation", c.organisation),
        ("seat", ", ".join(x for x in (c.city, c.state) if x) or None),
        ("states", ", ".join(c.states) or None),
        ("founded", None if c.founded is None else str(c.founded)),
        ("topic", c.topic),
        ("website", c.website),
        ("aliases", ", ".join(c.aliases) or None),
    ]
    for key, value in rows_:
        if value:
            out.write(f"  {key + ':':<14}{value}\n")
    if c.summary:
        out.write(f"  {'summary:':<14}{c.summary}\n")
    for part in c.participations:
        detail = [
            x
            for x in (
                f"round {part.round}" if part.round else None,
                str(part.year) if part.year else None,
                f"project {part.project}" if part.project else None,
            )
            if x
        ]
        out.write(
            f"  programme:    {part.programme}{' (' + ', '.join(detail) + ')' if detail else ''}\n"
        )
        for phase in part.phases:
            names = [f"{k.name} ({k.alpha_2})" for k in phase.countries] + list(phase.regions)
            out.write(f"    {phase.kind.value + ':':<16}{', '.join(names) or '-'}\n")
    for label in c.labels:
        when = (
            label.awarded.isoformat() if label.awarded else (str(label.year) if label.year else "")
        )
        until = f", valid until {label.valid_until.isoformat()}" if label.valid_until else ""
        out.write(
            f"  label:        {label.scheme} {label.level.value} {when}{until}".rstrip() + "\n"
        )
    out.write(f"  contacts:     {len(c.contacts)}\n")
    out.write(f"  sources:      {', '.join(c.sources)}\n")
    return 0


def _ranked(groups: dict[gc.Country, gc.Clusters]) -> list[tuple[int, gc.Country, gc.Clusters]]:
    """Competition ranking (1, 2, 2, 4): ties share a rank."""
    out: list[tuple[int, gc.Country, gc.Clusters]] = []
    previous = -1
    rank = 0
    for position, (country, found) in enumerate(groups.items(), 1):
        if len(found) != previous:
            rank = position
            previous = len(found)
        out.append((rank, country, found))
    return out


def _countries(out: TextIO, args: argparse.Namespace) -> int:
    if args.top is not None and args.top < 1:
        raise ValueError(f"--top must be at least 1; got {args.top}")
    ranked = _ranked(_filtered(args).by_country(args.phase))
    if args.top is not None:
        ranked = [r for r in ranked if r[0] <= args.top]
    if args.format == "json":
        _write_json(
            out,
            [
                {
                    **json.loads(gc.to_json(country)),
                    "rank": rank,
                    "clusters": len(found),
                    "cluster_ids": list(found.ids),
                }
                for rank, country, found in ranked
            ],
        )
    elif args.format == "csv":
        header = ["rank", "alpha_2", "name", "name_de", "clusters", "cluster_ids"]
        _write_csv(
            out,
            [
                {
                    "rank": rank,
                    "alpha_2": country.alpha_2,
                    "name": country.name,
                    "name_de": country.name_de,
                    "clusters": len(found),
                    "cluster_ids": LIST_SEPARATOR.join(found.ids),
                }
                for rank, country, found in ranked
            ],
            header,
        )
    else:
        width = max((len(country.name) for _, country, _ in ranked), default=4)
        for rank, country, found in ranked:
            out.write(f"{rank:>3}  {country.alpha_2}  {country.name:<{width}}  {len(found):>3}\n")
    return 0


def _country(out: TextIO, args: argparse.Namespace) -> int:
    found = [gc.normalize_country(name) for name in args.name]
    if args.format == "json":
        out.write(gc.to_json(tuple(found)))
    elif args.format == "csv":
        header = ["alpha_2", "alpha_3", "numeric", "name", "name_de"]
        _write_csv(out, [{k: getattr(c, k) for k in header} for c in found], header)
    else:
        for c in found:
            out.write(f"{c.alpha_2}  {c.alpha_3}  {c.numeric}  {c.name}  {c.name_de}\n")
    return 0


def _export(out: TextIO, args: argparse.Namespace) -> int:
    paths = gc.export(
        args.directory,
        format=args.format,
        include_contacts=not args.no_contacts,
        overwrite=args.overwrite,
    )
    for path in paths:
        out.write(f"{path}\n")
    return 0


def _stats(out: TextIO, args: argparse.Namespace) -> int:
    clusters = gc.clusters()
    inter = clusters.in_programme(INTERNATIONALISATION)
    lec = clusters.in_programme(LEADING_EDGE)
    targets = inter.count_by("phase", "country")
    if args.format == "json":
        _write_json(
            out,
            {
                "package_version": gc.__version__,
                "data_version": gc.data_version(),
                "clusters": len(clusters),
                "programmes": len(gc.programmes()),
                "sources": [s.id for s in gc.sources()],
                "clusters_by_programme": clusters.count_by("programme"),
                "clusters_with_label": len(clusters.with_label()),
                "target_countries": {
                    kind.value: {c.alpha_2: n for c, n in counts.items()}
                    for kind, counts in targets.items()
                },
            },
        )
        return 0
    out.write(f"germanclusters {gc.__version__}, data version {gc.data_version()}\n")
    out.write(f"clusters:                              {len(clusters)}\n")
    out.write(f"  in the internationalisation measure: {len(inter)}\n")
    out.write(f"  Leading-Edge Clusters:               {len(lec)}\n")
    out.write(f"  both:                                {len(inter.in_programme(LEADING_EDGE))}\n")
    out.write(f"  with an ECEI label:                  {len(clusters.with_label())}\n")
    out.write(f"programmes:                            {len(gc.programmes())}\n")
    for kind in gc.PhaseKind:
        counts = targets.get(kind, {})
        top = ", ".join(f"{c.alpha_2} {n}" for c, n in itertools.islice(counts.items(), 5))
        out.write(f"target countries, {kind.value + ' phase:':<22}{len(counts)} (top: {top})\n")
    dated = sum(1 for src in gc.sources() if src.as_of)
    out.write(f"sources:                               {len(gc.sources())} ({dated} dated)\n")
    out.write("primary source documents:\n")
    for src in gc.sources():
        if src.document and src.document.startswith("seeds/"):
            as_of = src.as_of.isoformat() if src.as_of else "undated"
            out.write(f"  {src.id} ({as_of}): {src.title}\n")
    out.write("(every source: gc.sources() in Python, docs/sources.md in the docs)\n")
    return 0


def _validate(out: TextIO, args: argparse.Namespace) -> int:
    manifest = gc.validate(args.directory)
    where = args.directory or "shipped data"
    out.write(
        f"ok: {where}, data version {manifest.data_version}, {len(manifest.files)} files with "
        f"matching sha256, {len(manifest.sources)} sources, every field and reference checked\n"
    )
    return 0


def _schema(out: TextIO, args: argparse.Namespace) -> int:
    _write_json(out, gc.json_schema(args.file))
    return 0
