"""The commands that gather measurements: scan (a web page's touchpoints) and import (a
Lighthouse, PageSpeed, CrUX or CSV file's values).

Registered on the app by app.py; each imports what it needs only when it runs (scan.py holds
`scan`'s core call).
"""

from __future__ import annotations

import sys

from touchaudit.cli import params
from touchaudit.cli.flags import Flags, with_flags
from touchaudit.cli.options import Options
from touchaudit.render.formats import ScanFormat


def scan(
    pages: params.PagesArg,
    output_format: params.ScanFormatOpt = ScanFormat.YAML,
    compare: params.CompareOpt = False,
    follow: params.FollowOpt = 0,
    render: params.RenderOpt = False,
    max_bytes: params.PageMaxBytesOpt = None,
    output: params.OutputOpt = None,
) -> None:
    """Walk a page as a customer would: the website criteria it meets (clickable phone,
    call-back, online booking, question form, chat, mobile version, lead form fields), each with
    its evidence, and the messengers, social pages and email it links to. A PAGE is a saved HTML
    file or an http(s) URL (one request per page). Scripts run only with --render."""
    from touchaudit.cli.scan import run_scan
    from touchaudit.render.output import emit

    text = run_scan(
        pages,
        output_format,
        compare=compare,
        max_bytes=max_bytes,
        output=output,
        follow=follow,
        render=render,
    )
    emit(text, output)


@with_flags("profile", "max_bytes")
def import_command(
    kind: params.SourceKindArg,
    file: params.SourceFileArg,
    touchpoint: params.TouchpointOpt,
    into: params.IntoOpt = None,
    *,
    flags: Flags,
) -> None:
    """Print the YAML of the values FILE measures for a touchpoint, or add them to --into AUDIT.

    The audit keeps its comments, order and every value already written; it is written
    atomically, and not at all if it changed since it was read.
    """
    from touchaudit.reading.importer import import_values
    from touchaudit.render.output import replace_if_unchanged

    opts = Options.resolve([into] if into else [], flags)
    result = import_values(
        kind, file, touchpoint, into=into, library=opts.library(), max_bytes=opts.max_bytes
    )
    for warning in result.warnings:
        sys.stderr.write(f"touchaudit: warning: {warning}\n")
    if into is None:
        sys.stdout.write(result.text)
        return
    assert result.original is not None
    replace_if_unchanged(into, result.text, result.original)
    sys.stderr.write(f"touchaudit: wrote {len(result.criteria)} criteria into {into}\n")
