"""The ``coopmap`` command line.

coopmap report SOURCE [--out out/] [--lang en|fr]   the seminar report (report.html + maps + cards/)
coopmap summary DIR                                 a text summary of the network in DIR
coopmap import DB [--structures F] [--link-types F] [--affiliations F]
                  [--declarations F --wave W] [--responses F]
                                                    import CSV files into the inventory DB
                                                    (created if needed) in one transaction
coopmap survey DB --wave W [--out survey/] [--lang en|fr] [--per-structure]
                                                    the offline questionnaire of a wave
coopmap collect DB --wave W FILE... [--responses F] import the questionnaire's answers files
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from . import _core
from ._folder import ANSWERED, read_folder
from .errors import Error
from .store import Inventory


def _count_table(title: str, counts: Counter[str], total: int) -> list[str]:
    lines = [title]
    width = max((len(str(k)) for k in counts), default=0)
    for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        lines.append(f"  {str(key):<{width}}  {n:>5}  ({100.0 * n / total:.0f}%)" if total else f"  {key}  {n}")
    return lines


def summary(folder: Path, directed: bool = False) -> str:
    """The text summary of the network stored in ``folder``."""
    net, _meta = read_folder(folder, directed=directed)
    n, m = len(net), net.number_of_links()
    g = net.simple_view(undirected=True)
    pairs = g.number_of_edges
    degree = g.indptr[1:] - g.indptr[:-1]
    response = {r["id"]: r["response"] for r in net.structures() if "response" in r}
    silent = [sid for sid, st in response.items() if st not in ANSWERED]
    # a non-respondent without links is unknown, not isolated (as in the report)
    isolates = [sid for sid, d in zip(net.structure_ids(), degree) if d == 0 and sid not in silent]
    density = _core.density(net)
    kind = f"mixed: {net.number_of_arcs()} directed" if net.mixed else "directed" if net.directed else "undirected"
    out = [
        f"coopmap summary of {folder}",
        f"  structures: {n}",
        f"  links: {m} ({kind}), {pairs} connected pairs, density {density:.3f}",
        f"  isolates: {len(isolates)}" + (f" ({', '.join(isolates)})" if isolates else ""),
    ]
    if silent:
        out.append(f"  non-respondents: {len(silent)} ({', '.join(silent)})")
    records = net.links()
    out += _count_table("link types:", Counter(r["type"] for r in records), m)
    statuses = Counter(r["status"] for r in records if r["status"] is not None)
    if statuses:
        out += _count_table("link status:", statuses, m)
    structures = net.structures()
    for attr in ("legal_family", "tenancy", "role"):
        values = Counter(s[attr] for s in structures if attr in s)
        if values:
            out += _count_table(f"{attr}:", values, n)
    if any("response" in s for s in structures):
        status = Counter(s["response"] for s in structures if "response" in s)
        answered = status.get("complete", 0) + status.get("partial", 0)
        total = sum(status.values())
        out.append(f"response rate: {answered}/{total} ({100.0 * answered / total:.0f}%)" if total else "no responses")
    if net.graph_attribute("illustrative") is True or any(r.get("illustrative") for r in records):
        out.append("note: the links of this dataset are illustrative (generated), not survey data")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="coopmap", description="Cooperation-network analysis.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("summary", help="summary of a network folder (structures.csv, links.csv)")
    p.add_argument("folder", type=Path)
    p.add_argument("--directed", action="store_true", help="read the links as directed")
    r = sub.add_parser("report", help="the seminar report: report.html with maps and tables")
    r.add_argument("source", type=Path, help="a folder with structures.csv + links.csv, or an Inventory .db")
    r.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out)")
    r.add_argument("--lang", choices=["en", "fr"], default="en", help="language of the report (default: en)")
    r.add_argument("--group", default="legal_family", help="attribute defining the groups (default: legal_family)")
    r.add_argument("--wave", help="wave of an Inventory database")
    r.add_argument("--compare", metavar="WAVE", help="an earlier wave of the Inventory: what changed since then")
    r.add_argument(
        "--view",
        default="union",
        choices=["union", "confirmed", "reconstructed"],
        help="link view of an Inventory database (default: union)",
    )
    r.add_argument("--directed", action="store_true", help="read the links of a folder as directed")
    r.add_argument("--seed", type=int, default=0, help="seed of every randomised step (default: 0)")
    r.add_argument("--top", type=int, default=15, help="rows of the broker and suggestion tables (default: 15)")
    r.add_argument("--quiet", action="store_true", help="no progress messages")
    r.add_argument(
        "--scenarios",
        action=argparse.BooleanOptionalAction,
        default=None,
        help='the "What if" section: key players, departures, cooperations that join the groups '
        "(default: on up to 150 structures)",
    )
    r.add_argument(
        "--cards",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="one card per structure in OUT/cards/ (default: on up to 1,000 structures)",
    )
    r.add_argument(
        "--pivots",
        type=int,
        default=None,
        help="betweenness estimated from this many sampled structures, 0 for exact "
        "(default: exact up to 10,000 structures, 512 above)",
    )
    r.add_argument(
        "--node-maps",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="maps with one node per structure (default: up to 5,000 structures; above, one node per cluster)",
    )
    p = sub.add_parser("import", help="import CSV files into an inventory database (one transaction)")
    p.add_argument("db", type=Path, help="the SQLite inventory file (created if needed)")
    p.add_argument("--structures", type=Path)
    p.add_argument("--link-types", type=Path)
    p.add_argument("--affiliations", type=Path)
    p.add_argument("--declarations", type=Path)
    p.add_argument("--responses", type=Path)
    p.add_argument("--wave", help="the wave of the declarations and responses")
    p = sub.add_parser("survey", help="the offline roster questionnaire of a wave (one HTML file to hand out)")
    p.add_argument("db", type=Path, help="the SQLite inventory file (its structures and link types)")
    p.add_argument("--wave", required=True, help="the wave the answers belong to")
    p.add_argument("--out", type=Path, default=Path("survey"), help="output folder (default: survey)")
    p.add_argument("--lang", choices=["en", "fr"], default="en", help="language of the questionnaire (default: en)")
    p.add_argument(
        "--per-structure", action="store_true", help="also one questionnaire per structure, respondent fixed"
    )
    p.add_argument("--title", help="heading of the questionnaire (default: 'Cooperation survey WAVE')")
    p.add_argument("--contact", help="where respondents send their answers file (shown on the last page)")
    p = sub.add_parser("collect", help="import the answers files of a questionnaire (one transaction)")
    p.add_argument("db", type=Path, help="the SQLite inventory file")
    p.add_argument("files", nargs="+", type=Path, help="answers files (.json or .csv) saved by the questionnaire")
    p.add_argument("--wave", required=True, help="the wave being collected")
    p.add_argument("--responses", type=Path, help="a responses CSV (structure,status) for refusals and the unreached")
    args = parser.parse_args(argv)
    try:
        if args.command == "summary":
            print(summary(args.folder, args.directed))
        elif args.command == "report":
            from ._report import report

            path = report(
                args.source,
                args.out,
                lang=args.lang,
                group=args.group,
                wave=args.wave,
                view=args.view,
                directed=args.directed,
                seed=args.seed,
                scenarios=args.scenarios,
                cards=args.cards,
                compare=args.compare,
                top=args.top,
                pivots=args.pivots,
                node_maps=args.node_maps,
                progress=False if args.quiet else None,
            )
            print(path)
        elif args.command == "import":
            inv = Inventory(args.db)
            try:
                result = inv.import_csv(
                    structures=args.structures,
                    link_types=args.link_types,
                    affiliations=args.affiliations,
                    declarations=args.declarations,
                    wave=args.wave,
                    responses=args.responses,
                )
            finally:
                inv.close()
            print(str(result), end="")
        elif args.command == "survey":
            from ._survey import survey

            paths = survey(
                str(args.db),
                args.out,
                wave=args.wave,
                lang=args.lang,
                per_structure=args.per_structure,
                title=args.title,
                contact=args.contact,
            )
            print(
                str(paths[0]) + (f" (+ {len(paths) - 1} per structure in {paths[1].parent})" if len(paths) > 1 else "")
            )
        elif args.command == "collect":
            if not args.db.is_file():
                raise Error(f"{args.db}: no such inventory file")
            with Inventory(str(args.db)) as inv:
                result = inv.collect(args.wave, args.files, responses=args.responses)
                rate = inv.response_rate(args.wave)
            print(str(result), end="")
            print(f"response rate of wave {args.wave}: {rate.complete + rate.partial}/{rate.surveyed}")
    except (Error, OSError) as e:
        print(f"coopmap: error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
