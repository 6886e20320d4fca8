"""The ``germanclusters`` command line: argument parsing and printing only.

It calls only the public API. Errors print one line on stderr and exit with
status 2 (bad usage, unknown names) or 1 (invalid shipped data); never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

import germanclusters as gc

__all__ = ["main"]

INTERNATIONALISATION = "internationalisation-of-leading-edge-clusters"
LEADING_EDGE = "leading-edge-cluster-competition"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse prints usage and exits 2; keep it to one line
        self.exit(2, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="germanclusters",
        description="Germany's innovation clusters and where they went abroad: a sourced dataset.",
    )
    parser.add_argument(
        "--version", action="store_true", help="print the package and data versions and exit"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    sub.add_parser(
        "stats",
        help="summary of the dataset: counts, data version, sources",
        description="Print counts of clusters, programmes and target countries, "
        "the data version and the sources.",
    )

    show = sub.add_parser(
        "show", help="show one cluster", description="Show one cluster by id, name or alias."
    )
    show.add_argument("cluster", help="cluster id, name, short name or alias")

    lst = sub.add_parser(
        "list",
        help="list clusters, optionally filtered",
        description="List clusters (id, name, seat state), optionally filtered.",
    )
    lst.add_argument(
        "--targeting",
        metavar="COUNTRY",
        help="only clusters targeting this country (name or ISO code)",
    )
    lst.add_argument(
        "--phase", choices=[k.value for k in gc.PhaseKind], help="with --targeting: only this phase"
    )
    lst.add_argument("--programme", metavar="ID", help="only clusters in this programme")
    lst.add_argument("--round", type=int, help="with --programme: only this round")
    lst.add_argument("--state", metavar="STATE", help="only clusters in this German state")

    sub.add_parser(
        "validate",
        help="re-check the shipped data and its checksums",
        description="Read the shipped data again from disk, check every checksum, "
        "field and reference, and report the result.",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error already printed on one line
        return exc.code if isinstance(exc.code, int) else 2
    out = sys.stdout
    try:
        if args.version:
            out.write(f"germanclusters {gc.__version__} (data {gc.data_version()})\n")
            return 0
        if args.command is None:
            parser.print_help(out)
            return 2
        if args.command == "stats":
            return _stats(out)
        if args.command == "show":
            return _show(out, args.cluster)
        if args.command == "list":
            return _list(out, args)
        if args.command == "validate":
            return _validate(out)
    except gc.DataError as exc:
        sys.stderr.write(f"germanclusters: invalid data: {exc}\n")
        return 1
    except (gc.GermanClustersError, ValueError, TypeError) as exc:
        sys.stderr.write(f"germanclusters: {exc}\n")
        return 2
    raise AssertionError(f"unhandled command {args.command!r}")  # pragma: no cover


def _stats(out: TextIO) -> int:
    clusters = gc.clusters()
    inter = clusters.in_programme(INTERNATIONALISATION)
    lec = clusters.in_programme(LEADING_EDGE)
    out.write(f"germanclusters {gc.__version__}, data version {gc.data_version()}\n")
    out.write(f"clusters:                              {len(clusters)}\n")
    out.write(f"  in the internationalisation measure: {len(inter)}\n")
    out.write(f"  Leading-Edge Clusters:               {len(lec)}\n")
    out.write(f"  both:                                {len(inter.in_programme(LEADING_EDGE))}\n")
    out.write(f"  with an ECEI label:                  {len(clusters.with_label())}\n")
    out.write(f"programmes:                            {len(gc.programmes())}\n")
    for kind in gc.PhaseKind:
        counts = Counter(c.alpha_2 for cl in inter for c in cl.target_countries(kind))
        top = ", ".join(f"{code} {n}" for code, n in counts.most_common(5))
        out.write(f"target countries, {kind.value + ' phase:':<22}{len(counts)} (top: {top})\n")
    out.write(f"sources:                               {len(gc.sources())}\n")
    for src in gc.sources():
        as_of = src.as_of.isoformat() if src.as_of else "undated"
        out.write(f"  {src.id} ({as_of})\n")
    return 0


def _show(out: TextIO, query: str) -> int:
    c = gc.cluster(query)
    out.write(f"{c.name} [{c.id}]\n")
    rows = [
        ("organisation", c.organisation),
        ("seat", ", ".join(x for x in (c.city, c.state) if x) or None),
        ("states", ", ".join(c.states) or None),
        ("founded", None if c.founded is None else str(c.founded)),
        ("topic", c.topic),
        ("website", c.website),
        ("aliases", ", ".join(c.aliases) or None),
    ]
    for key, value in rows:
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


def _list(out: TextIO, args: argparse.Namespace) -> int:
    if args.phase and not args.targeting:
        raise ValueError("--phase needs --targeting")
    if args.round is not None and not args.programme:
        raise ValueError("--round needs --programme")
    found = gc.clusters()
    if args.targeting:
        found = found.targeting(args.targeting, phase=args.phase)
    if args.programme:
        found = found.in_programme(args.programme, round=args.round)
    if args.state:
        found = found.in_state(args.state)
    width = max((len(c.id) for c in found), default=2)
    for c in found:
        out.write(f"{c.id:<{width}}  {c.state or '-':<5}  {c.name}\n")
    return 0


def _validate(out: TextIO) -> int:
    from germanclusters.dataset import read_dataset

    data = read_dataset()
    out.write(
        f"ok: data version {data.manifest.data_version}, {len(data.manifest.files)} files "
        f"with matching sha256, {len(data.clusters)} clusters, {len(data.programmes)} "
        f"programmes, {len(data.sources)} sources, all references resolve\n"
    )
    return 0
