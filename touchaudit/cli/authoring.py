"""The commands that help write audits: criteria (the library), init (a starter audit),
profile (thresholds to edit) and schema (for editors).

Registered on the app by app.py; each imports what it needs only when it runs.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from touchaudit.cli import params
from touchaudit.cli.flags import Flags, with_flags
from touchaudit.cli.options import Options
from touchaudit.render.formats import ListFormat

if TYPE_CHECKING:
    from pathlib import Path


@with_flags("profile")
def criteria(
    criterion: params.CriterionArg = None,
    channel: params.ChannelOpt = None,
    output_format: params.ListFormatOpt = ListFormat.TABLE,
    *,
    flags: Flags,
) -> None:
    """List the criteria library: thresholds, weights and the source of every threshold; with
    an ID, that criterion in full (how to measure it, the business types that set it)."""
    from touchaudit.library.criteria import builtin_library
    from touchaudit.render.registry import CRITERIA, render_criterion_detail

    library = Options.resolve((), flags).library() or builtin_library()
    if criterion is not None:
        from touchaudit.library.detail import criterion_detail

        detail = criterion_detail(library, criterion)
        sys.stdout.write(render_criterion_detail(detail, output_format))
        return
    sys.stdout.write(CRITERIA.render(library.listed(channel), output_format, stdout=True))


def init(
    business: params.BusinessOpt,
    company: params.CompanyOpt,
    output: params.InitOutputOpt = None,
    force: params.ForceOpt = False,
) -> None:
    """Write a starter audit: the business type's expected touchpoints, every criterion null."""
    from touchaudit.library.starter import SCHEMA_FILE, starter_audit
    from touchaudit.render.output import is_stream

    starter = starter_audit(business, company)
    _write_new(starter.text, output, force=force, summary=starter.summary)
    if output is None or is_stream(output):
        return
    # The schema its first line names, for editors; one already there is left as it is.
    beside = output.parent / SCHEMA_FILE
    if not beside.exists():
        schema(beside)
        sys.stderr.write(f"touchaudit: wrote {beside} (the schema editors check it with)\n")


@with_flags("profile")
def profile(
    business: params.ProfileBusinessOpt = None,
    output: params.ProfileOutputOpt = None,
    force: params.ForceOpt = False,
    *,
    flags: Flags,
) -> None:
    """Write a profile holding every criterion's effective thresholds, weight and source: the
    library's, a business type's (--business) and a profile's (--profile), merged."""
    from touchaudit.library.profiles import profile_for

    library = Options.resolve((), flags).library()
    exported = profile_for(business, library, str(flags.profile) if flags.profile else None)
    _write_new(exported.text, output, force=force, summary=f"{exported.criteria} criteria")


def _write_new(text: str, output: Path | None, *, force: bool, summary: str) -> None:
    """A file `init` or `profile` writes for the user to edit: stdout without -o; never over
    an existing file without --force."""
    from touchaudit.render.output import refuse_existing, write_atomic

    if output is None:
        sys.stdout.write(text)
        return
    if not force:
        refuse_existing(output)
    write_atomic(output, text)
    sys.stderr.write(f"touchaudit: wrote {output}: {summary}\n")


def schema(output: params.OutputOpt = None) -> None:
    """Print the JSON Schema of the audit format (for editors and CI tools)."""
    from touchaudit.library.schema import audit_schema
    from touchaudit.render.json import dumps
    from touchaudit.render.output import emit

    emit(dumps(audit_schema()), output)
