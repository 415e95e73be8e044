"""The ``dialoguelib`` command: ``summary`` prints the data at a glance, ``report`` builds HTML reports,
``ingest`` and ``merge`` add a new statement through a review file, ``export`` writes the data out,
``record`` and ``status`` keep and show what became of commitments, ``cite`` prints its citation,
``diff`` compares two versions."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import time

from ._version import __version__
from .errors import DataValidationError, DialogueError
from .query.dataset import load


def _summary(args) -> int:
    from .render.plain import summary_text

    print(summary_text(load(args.data_dir)))
    return 0


def _report(args) -> int:
    from . import reports

    ds = load(args.data_dir)
    if not (args.all or args.goal or args.area or args.actor):
        args.framework = True
    if args.as_of:
        ds = ds.as_of(args.as_of)
    jobs = reports.plan(
        ds,
        goals=args.goal,
        areas=args.area,
        actors=args.actor,
        documents=args.document,
        all_=args.all,
        framework=args.framework,
        as_of=args.as_of,
    )
    out = reports.check_output_dir(args.out)
    cores = os.cpu_count() or 1
    workers = min(args.jobs or cores, len(jobs))
    if workers > cores:
        print(
            f"warning: {workers} workers on {cores} cores: more than one per core does not make the batch faster, "
            "and each worker with its kernel takes about 200 MB",
            file=sys.stderr,
        )
    print(
        f"Building {len(jobs)} report(s) into {out}/ with {workers} worker(s) from {ds.data_dir} (data {ds.version})...",
        file=sys.stderr,
    )
    t0 = time.perf_counter()
    results = _build_reports(ds, jobs, out, workers, args)
    if isinstance(results, int):
        return results
    failed = [r for r in results if r.error]
    print(
        f"{len(results) - len(failed)} of {len(results)} report(s) built in {time.perf_counter() - t0:.1f} s; {len(failed)} failed."
    )
    for r in failed:
        print(f"  failed: {r.slug}: {r.error[:300]}")
    if args.pdf:
        _print_pdfs([out / f"{r.slug}.html" for r in results if not r.error])
    print(f"Open {(out / 'index.html').resolve()}")
    return 1 if failed else 0


def _build_reports(ds, jobs, out, workers, args):
    """The reports built with a progress bar: their results, or the exit status when stopped by a signal."""
    from tqdm import tqdm

    from . import reports
    from .runs.batch import BatchInterrupted

    with tqdm(total=len(jobs), unit="report", file=sys.stderr, disable=args.quiet) as bar:

        def progress(result):
            bar.update(1)
            if result.error:
                bar.write(f"FAILED {result.slug}: {result.error[:300]}")

        try:
            plotly_js = "inline" if args.self_contained else "shared"
            return reports.build(ds, jobs, out, workers=workers, plotly_js=plotly_js, progress=progress)
        except BatchInterrupted as stop:
            bar.close()
            built = sum(1 for r in stop.results if r is not None and r.error is None)
            print(
                f"Stopped ({stop}): {built} of {len(jobs)} report(s) built; the workers were stopped. "
                f"Open {(out / 'index.html').resolve()}",
                file=sys.stderr,
            )
            return stop.exit_status


def _print_pdfs(pages) -> None:
    from .reports.pdf import chromium_path, print_pdfs

    chromium_path()  # no Chromium: say so before printing anything
    for pdf, n in print_pdfs(pages):
        print(f"Wrote {pdf} ({n} page{'s' if n != 1 else ''}).")


def _hint(*words) -> str:
    """A command line to copy: each word quoted for the shell as needed."""
    return " ".join(shlex.quote(str(w)) for w in words)


def _ingest(args) -> int:
    from .config import DATA_ENV_VAR
    from .ingest import ingest_document

    review, proposals = ingest_document(
        args.file,
        document_id=args.id,
        code=args.code,
        date=args.date,
        title=args.title,
        data_dir=args.data_dir,
        kind=args.kind,
        publisher=args.publisher,
        source_url=args.url,
        review_path=args.review,
        force=args.force,
        language=args.language,
        progress=not args.quiet,
    )
    n = len(proposals)
    lang = proposals.attrs.get("language", "")
    from .ingest import LANGUAGES

    print(
        f"{n} proposal{'s' if n != 1 else ''} for {args.id} ({args.code}, {LANGUAGES.get(lang, lang)}) written to {review}; "
        "the data is unchanged until merge."
    )
    if proposals.attrs.get("language_note"):
        print(proposals.attrs["language_note"])
    new = sorted({c for v in proposals["new_actor_candidates"] for c in v.split("|") if c})
    if new:
        print("New actor candidates (add them to actors.csv before merging if they take part): " + "; ".join(new))
    data_dir = args.data_dir or os.environ.get(DATA_ENV_VAR)
    command = ["dialoguelib"] + (["--data-dir", os.path.abspath(data_dir)] if data_dir else []) + ["merge", str(review)]
    print("Review it: set 'decision' to accept, fix (after editing) or drop on every row, then run\n  " + _hint(*command))
    return 0


def _merge(args) -> int:
    from .ingest import merge_review

    counts = merge_review(args.review, data_dir=args.data_dir)
    document = "the document added, " if counts["document"] == "added" else ""
    ids = counts.get("ids") or []
    shown = f" ({', '.join(ids[:3])}{' ... ' + ids[-1] if len(ids) > 3 else ''})" if ids else ""
    print(f"Merged: {document}{counts['added']} added{shown}, {counts['skipped']} already present, {counts['dropped']} dropped.")
    if counts.get("links") or counts.get("statuses"):
        print(f"Follow-through: {counts['links']} link(s) and {counts['statuses']} status update(s) added.")
    if counts.get("undecided"):
        print(f"{counts['undecided']} follow-up proposal(s) have no decision and were left out; decide them and merge again.")
    if "version" in counts:
        print(f"The data in {counts['data_dir']} is now version {counts['version']} (see its CHANGELOG.md).")
    return 0


def _export(args) -> int:
    from .exports import FORMATS

    ds = load(args.data_dir)
    criteria = {"goal": args.goal, "area": args.area, "actor": args.actor, "document": args.document, "text": args.search}
    data = ds.filter(**criteria) if any(criteria.values()) else ds
    if args.as_of:
        data = data.as_of(args.as_of)
    result = data.export(args.format, args.out, force=args.force)
    what = f"{result.commitments} of {len(ds)} commitments" if data is not ds else f"all {len(ds)} commitments"
    if args.as_of:
        what += f", as of {args.as_of}"
    print(f"Wrote {result.path} ({FORMATS[args.format][1]}): {what}.")
    for extra in result.extra:
        print(f"Wrote {extra}.")
    if result.empty:
        print("The selection matched no commitment: the export has its headers and no rows.", file=sys.stderr)
    print(f"Cite as: {result.citation}")
    return 0


# a row given by options: the option that gave each field
_RECORD_OPTIONS = {
    "commitment_id": "--commitment",
    "status": "--status",
    "as_of": "--as-of",
    "assessed_by": "--by",
    "evidence_document": "--document",
    "evidence_quote": "--quote",
    "evidence_url": "--url",
    "evidence_note": "--note",
    "evidence_start": "--quote",
    "evidence_end": "--quote",
    "recorded": "--as-of",
    "later_id": "--later",
    "earlier_id": "--earlier",
    "relation": "--relation",
    "reason": "--reason",
}


_OPTION_FIELDS = {
    "status": (
        "commitment_id",
        "status",
        "as_of",
        "assessed_by",
        "evidence_document",
        "evidence_quote",
        "evidence_url",
        "evidence_note",
    ),
    "link": ("later_id", "earlier_id", "relation", "reason"),
}


def _record(args) -> int:
    from .curate.recording import add_links, read_rows, record_statuses

    if args.file:
        rows = read_rows(args.file)
    else:
        fields = {f: o for f, o in _RECORD_OPTIONS.items() if f in _OPTION_FIELDS[args.what]}
        rows = [{f: getattr(args, o.lstrip("-").replace("-", "_")) or "" for f, o in fields.items()}]
    source = args.file or "the command line"
    try:
        if args.what == "status":
            done = record_statuses(rows, data_dir=args.data_dir, source=source, backdated=args.backdated)
            print(f"Recorded {done['added']} status update{'s' if done['added'] != 1 else ''}.")
        else:
            done = add_links(rows, data_dir=args.data_dir, source=source)
            print(f"Added {done['added']} link{'s' if done['added'] != 1 else ''}.")
    except DataValidationError as exc:
        if args.file or exc.path != source:
            raise
        option = _RECORD_OPTIONS.get(exc.field, exc.field)  # a row given by options: name the option
        raise DialogueError(f"{option}: {exc.message}" + (f"; expected {exc.expected}" if exc.expected else "")) from None
    print(f"The data in {done['data_dir']} is now version {done['version']} (see its CHANGELOG.md).")
    return 0


def _status(args) -> int:
    from .render.plain import status_text

    ds = load(args.data_dir)
    if args.as_of:
        ds = ds.as_of(args.as_of)
    print(status_text(ds, args.commitment))
    return 0


def _cite(args) -> int:
    ds = load(args.data_dir)
    r = ds.release
    print(r.bibtex() if args.format == "bibtex" else r.cff() if args.format == "cff" else r.citation())
    if r.modified and args.format == "text":
        what = ["the tables"] * (r.recorded != r.digest) + [f"the descriptor's {f}" for f in r.edited]
        print(
            f"note: {' and '.join(what)} in {ds.data_dir} differ from release {r.version}; cite the digest above.",
            file=sys.stderr,
        )
    return 0


def _diff(args) -> int:
    from .curate.diff import diff, diff_text, load_version

    old, new = load_version(args.old), load_version(args.new)
    changes = diff(old, new)
    if args.format == "csv":
        changes.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        print(diff_text(changes, old, new))
    return 0


def _report_arguments(rep: argparse.ArgumentParser) -> None:
    rep.add_argument("--goal", action="append", default=[], help="a goal (id, name or number); repeatable")
    rep.add_argument("--area", action="append", default=[], help="an area (id, name or number); repeatable")
    rep.add_argument("--actor", action="append", default=[], help="an actor (name, acronym or alias); repeatable")
    rep.add_argument("--document", action="append", default=[], help="limit every report to this document; repeatable")
    rep.add_argument(
        "--all", action="store_true", help="every goal, every area, every actor with a commitment, and the framework"
    )
    rep.add_argument("--framework", action="store_true", help="also build the whole-framework report")
    rep.add_argument(
        "--as-of",
        default=None,
        help="every report as the record stood on this day (YYYY-MM-DD): later documents and statuses left out",
    )
    rep.add_argument("--out", default="reports", help="output folder (default: reports)")
    rep.add_argument(
        "--jobs", type=_positive_int, default=None, help="parallel workers (default: one per core; never more than the reports)"
    )
    rep.add_argument(
        "--self-contained",
        action="store_true",
        help="embed plotly.js in every report (+4.8 MB each) instead of one shared plotly.min.js",
    )
    rep.add_argument(
        "--pdf", action="store_true", help="also print each report to PDF beside it (headless Chromium; the 'pdf' extra)"
    )
    rep.add_argument("--quiet", action="store_true", help="no progress bar")


def _ingest_arguments(ing: argparse.ArgumentParser) -> None:
    ing.add_argument("file", help="the statement as UTF-8 text, or a saved HTML page (.html)")
    ing.add_argument("--id", required=True, help="document id, a lower-case slug (e.g. joint-statement-2022-10-13)")
    ing.add_argument("--code", required=True, help="short upper-case code used in commitment ids (e.g. HLSD22)")
    ing.add_argument("--date", required=True, help="publication date, YYYY-MM-DD")
    ing.add_argument("--title", required=True, help="title as published")
    ing.add_argument("--kind", default="statement", help="joint_statement, fact_sheet, action_plan, statement or other")
    ing.add_argument("--publisher", default="", help="who published it")
    ing.add_argument("--url", default="", help="where it was published")
    ing.add_argument("--review", default=None, help="review CSV to write (default: ID-review.csv)")
    ing.add_argument("--force", action="store_true", help="replace an existing review file")
    ing.add_argument("--language", choices=["en", "es"], default=None, help="the statement's language (default: detected)")
    ing.add_argument("--quiet", action="store_true", help="no progress bar")


def _merge_arguments(mer: argparse.ArgumentParser) -> None:
    mer.add_argument("review", help="the review CSV, with a decision on every row")


def _export_arguments(exp: argparse.ArgumentParser) -> None:
    exp.add_argument("--format", required=True, help="xlsx, csv, parquet, sqlite or json")
    exp.add_argument("--out", required=True, help="the file to write (a folder for parquet)")
    exp.add_argument("--goal", action="append", default=[], help="only this goal; repeatable")
    exp.add_argument("--area", action="append", default=[], help="only this area; repeatable")
    exp.add_argument("--actor", action="append", default=[], help="only commitments of this actor; repeatable")
    exp.add_argument("--document", action="append", default=[], help="only this document; repeatable")
    exp.add_argument("--search", default=None, help="only commitments whose quote holds all these words")
    exp.add_argument("--as-of", default=None, help="the record as it stood on this day (YYYY-MM-DD)")
    exp.add_argument("--force", action="store_true", help="replace an existing output")


def _record_arguments(rec: argparse.ArgumentParser) -> None:
    rec.add_argument("what", choices=["status", "link"], help="status: a status update; link: a lineage link")
    rec.add_argument("--file", default=None, help="a CSV file of rows to add")
    rec.add_argument("--commitment", help="status: the commitment assessed (e.g. JS-32)")
    rec.add_argument("--status", help="status: not_started, in_progress, partial, completed, stalled, dropped or superseded")
    rec.add_argument("--as-of", help="status: the day the status describes (YYYY-MM-DD)")
    rec.add_argument("--by", help="status: who assessed it")
    rec.add_argument("--document", help="status: the document in the data holding the evidence")
    rec.add_argument("--quote", help="status: the evidence's exact words in that document (found once in its text)")
    rec.add_argument("--url", help="status: the address of evidence outside the data (http or https)")
    rec.add_argument("--note", help="status: one line on what that evidence says")
    rec.add_argument("--later", help="link: the later commitment")
    rec.add_argument("--earlier", help="link: the earlier commitment it relates to")
    rec.add_argument("--relation", help="link: restates, extends, implements, narrows or supersedes")
    rec.add_argument("--reason", help="link: why they are linked")
    rec.add_argument(
        "--backdated",
        action="store_true",
        help="status --file: keep 'recorded' dates before today (a ledger kept elsewhere; the changelog says so)",
    )


def _status_arguments(sta: argparse.ArgumentParser) -> None:
    sta.add_argument("commitment", help="a commitment id (e.g. JS-32)")
    sta.add_argument("--as-of", default=None, help="as the record stood on this day (YYYY-MM-DD)")


def _cite_arguments(cit: argparse.ArgumentParser) -> None:
    cit.add_argument(
        "--format", choices=["text", "bibtex", "cff"], default="text", help="text (default), bibtex or cff (CITATION.cff)"
    )


def _diff_arguments(dif: argparse.ArgumentParser) -> None:
    dif.add_argument("old", help="the earlier data folder or zip")
    dif.add_argument("new", help="the later data folder or zip")
    dif.add_argument("--format", choices=["text", "csv"], default="text", help="text (default) or csv, one row per change")


# The commands, in the order --help lists them: (name, function, arguments, help, description).
COMMANDS = [
    ("summary", _summary, None, "load and validate the data, print a summary table", None),
    (
        "report",
        _report,
        _report_arguments,
        "build HTML reports for goals, areas or actors",
        "Run the report notebook with papermill for each scope and export it to HTML "
        "(no code, opens offline). With no scope, builds the whole-framework report.",
    ),
    (
        "ingest",
        _ingest,
        _ingest_arguments,
        "propose the commitments of a new statement in a review file",
        "Writes a review set (the review CSV, the document's row, a copy of the text); "
        "the data folder is not changed until `merge`.",
    ),
    ("merge", _merge, _merge_arguments, "add the reviewed proposals and their document to the data, all or nothing", None),
    (
        "export",
        _export,
        _export_arguments,
        "write the data (or a selection) as xlsx, csv, parquet, sqlite or json",
        "Commitments of the selection with their actor links; documents, goals, areas and actors whole. "
        "xlsx: a workbook; csv: a zip of the data package; parquet: a folder; sqlite: a database and its "
        "Datasette metadata; json: one commitment per line.",
    ),
    (
        "record",
        _record,
        _record_arguments,
        "record what became of commitments: a status update (with its evidence) or a link between commitments",
        "Appends to the status ledger or to commitment_links, all or nothing, and makes a new release. "
        "Give the rows in a CSV file (--file, a header naming the fields) or one row with the options.",
    ),
    ("status", _status, _status_arguments, "what became of a commitment: its status history, evidence and lineage", None),
    ("cite", _cite, _cite_arguments, "print how to cite the data: version, date, content digest", None),
    (
        "diff",
        _diff,
        _diff_arguments,
        "what changed between two data folders (or csv export zips): rows added, removed, changed",
        None,
    ),
]
_NO_DATA_DIR = {"diff"}  # compares two folders given as arguments


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser: the commands, their options and help; each command's function in ``func``."""
    # --data-dir is accepted before or after the command: `dialoguelib --data-dir X merge R` and `dialoguelib merge R --data-dir X`
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", default=argparse.SUPPRESS, help="data folder to use (default: $DIALOGUELIB_DATA or the shipped data)"
    )
    parser = argparse.ArgumentParser(prog="dialoguelib", description=__doc__)
    parser.add_argument("--version", action="version", version=f"dialoguelib {__version__}")
    parser.add_argument("--data-dir", default=None, help="data folder to use (default: $DIALOGUELIB_DATA or the shipped data)")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func, arguments, help_, description in COMMANDS:
        parents = [] if name in _NO_DATA_DIR else [common]
        p = sub.add_parser(name, parents=parents, help=help_, description=description)
        if arguments:
            arguments(p)
        p.set_defaults(func=func)
    return parser


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return n


def main(argv=None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 some reports failed, 2 bad input, 128+N a signal)."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except DialogueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`dialoguelib summary | head`): say nothing more, as other tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
