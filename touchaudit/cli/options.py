"""A command's options, resolved once: the flags, else the project's settings, else defaults.

`Options.resolve` takes the shared flags a command was given (flags.py), finds the settings,
lets every flag given win over them, declares the files the command reads and checks them
(regular files, never the --output), and for `score` turns --fail-under, --baseline and
--max-drop into the gates to run. Nothing here prints or exits.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from touchaudit.reading.reads import Reads
from touchaudit.scoring.model import DEFAULT_MIN_COVERAGE

if TYPE_CHECKING:
    from touchaudit.cli.config import Settings
    from touchaudit.cli.flags import Flags
    from touchaudit.comparison.baseline import BaselineRule
    from touchaudit.library.criteria import Library


@dataclass(frozen=True)
class Options:
    """What a command runs with; the audits in the order given."""

    audits: tuple[str, ...]
    profile: Path | None
    max_bytes: int
    jobs: int
    output: Path | None
    reads: Reads
    fail_under: float | None = None
    baseline: BaselineRule | None = None
    min_coverage: float = DEFAULT_MIN_COVERAGE  # a share, 0-1
    strict: bool = False

    @classmethod
    def resolve(
        cls,
        audits: Sequence[str | os.PathLike[str]],
        flags: Flags,
        *,
        template_dirs: Iterable[Path] = (),
    ) -> Options:
        """The options of any command; raises UsageError for a file it must not read."""
        settings, found = _find_settings()
        resolved = cls._resolve(settings, found, audits, flags, template_dirs)
        return resolved.judged_by(settings, flags)

    @classmethod
    def for_score(
        cls,
        audits: Sequence[str | os.PathLike[str]],
        flags: Flags,
        *,
        fail_under: float | None = None,
        baseline: Path | None = None,
        max_drop: float | None = None,
    ) -> Options:
        """`score`'s options with its gates: --fail-under, --baseline and --max-drop (or the
        settings'); raises UsageError for a baseline gate that cannot run."""
        from touchaudit.comparison.baseline import baseline_rule

        settings, found = _find_settings()
        resolved = cls._resolve(
            settings, found, audits, flags, (), baseline=baseline or settings.baseline
        )
        rule = baseline_rule(
            baseline,
            max_drop,
            settings_baseline=settings.baseline,
            settings_max_drop=settings.max_drop,
            files=len(audits),
        )
        threshold = fail_under if fail_under is not None else settings.fail_under
        resolved = dataclasses.replace(resolved, fail_under=threshold, baseline=rule)
        return resolved.judged_by(settings, flags)

    def judged_by(self, settings: Settings, flags: Flags) -> Options:
        """With how scores are judged: --min-coverage (percent) and --strict, else settings'."""
        given = flags.min_coverage
        percent = given if given is not None else settings.min_coverage
        return dataclasses.replace(
            self,
            min_coverage=DEFAULT_MIN_COVERAGE if percent is None else percent / 100,
            strict=flags.strict if flags.strict is not None else bool(settings.strict),
        )

    @classmethod
    def _resolve(
        cls,
        settings: Settings,
        found: Path | None,
        audits: Sequence[str | os.PathLike[str]],
        flags: Flags,
        template_dirs: Iterable[Path],
        *,
        baseline: Path | None = None,
    ) -> Options:
        from touchaudit.reading.parallel import default_jobs
        from touchaudit.reading.yamldoc import MAX_BYTES

        profile = flags.profile or settings.profile
        reads = Reads.declare(
            audits=audits,
            baseline=baseline,
            profile=profile,
            settings=found,
            template_dirs=template_dirs,
        )
        reads.require_regular()
        if flags.output is not None:
            from touchaudit.render.output import refuse_inputs

            refuse_inputs(flags.output, reads)
        return cls(
            audits=tuple(os.fspath(a) for a in audits),
            profile=profile,
            max_bytes=flags.max_bytes or settings.max_bytes or MAX_BYTES,
            jobs=flags.jobs or default_jobs(),
            output=flags.output,
            reads=reads,
        )

    def library(self) -> Library | None:
        """The profile's library (None: the built-in one); raises AuditError for a bad profile."""
        if self.profile is None:
            return None
        from touchaudit.reading.loader import load_profile

        return load_profile(self.profile)

    @property
    def step_summary(self) -> bool:
        """Whether to append a job summary: GITHUB_STEP_SUMMARY is set and is not the output."""
        from touchaudit.render.output import wants_step_summary

        return wants_step_summary(self.output)


def _find_settings() -> tuple[Settings, Path | None]:
    from touchaudit.cli.config import find_settings

    return find_settings()
