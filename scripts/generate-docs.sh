#!/usr/bin/env bash
# Regenerates the shell-completion scripts and the man page from iijq's command definition
# (Sources/iijq/IIJQCommand.swift), with swift-argument-parser's own generators:
#
#   completions/iijq.bash  completions/_iijq  completions/iijq.fish   iijq --generate-completion-script
#   docs/iijq.1                                                       the GenerateManual command plugin
#
# Usage: scripts/generate-docs.sh            (or: make docs)
#        SCRATCH=.build-x scripts/generate-docs.sh   to build in another scratch directory
# The man page is dated by the last commit of the command definition, so regenerating an
# unchanged definition gives the same file.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG="${LANG:-C.UTF-8}"

scratch=()
if [ -n "${SCRATCH:-}" ]; then scratch=(--scratch-path "$SCRATCH"); fi

swift build "${scratch[@]}" --product iijq
iijq="$(swift build "${scratch[@]}" --show-bin-path)/iijq"

mkdir -p completions
"$iijq" --generate-completion-script bash > completions/iijq.bash
"$iijq" --generate-completion-script zsh > completions/_iijq
"$iijq" --generate-completion-script fish > completions/iijq.fish

date="$(git log -1 --format=%cs -- Sources/iijq/IIJQCommand.swift 2>/dev/null || true)"
date="${date:-$(date +%F)}"
log="$(swift package "${scratch[@]}" plugin generate-manual --configuration debug --date "$date" 2>&1)" || {
    printf '%s\n' "$log" >&2
    exit 1
}
outputs="$(printf '%s\n' "$log" | sed -n "s|^Generated manual in 'file://\(.*\)'\$|\1|p" | tail -n 1)"
page="${outputs%/}/iijq.1"
[ -f "$page" ] || { printf '%s\n' "$log" >&2; echo "generate-docs: no iijq.1 in '$outputs'" >&2; exit 1; }

# Four fix-ups of argument-parser's output, each checked so that a change upstream is noticed:
# - Its tool info always adds a `help` subcommand to the root command, even one that takes no
#   subcommands (a FIXME in its DumpHelpGenerator.swift); `iijq help` would read a script named
#   help. Drop the `subcommand` word from the synopsis and the `help` entry.
# - The discussion's blank lines separate paragraphs in --help; in mdoc they are `.Pp` (groff
#   warns "Empty input line" on every `man iijq` otherwise).
# - An option with a fixed set of values but no value descriptions gets an empty `.Pp` before
#   the next item, which mandoc warns about; drop it.
# - The list of options follows the discussion's last table with no heading; give it one.
mkdir -p docs
awk '
    function flush() { if (held != "") print held; held = "" }
    /^\.Ar subcommand$/ && previous == ".Nm" { help++; previous = $0; next }
    /^\.It Em help$/ { skipping = 1; help++ }
    skipping { if ($0 == ".El") skipping = 0; previous = $0; next }
    /^$/ { $0 = ".Pp" }
    $0 == ".Pp" { flush(); held = $0; previous = $0; next }
    /^\.(It|El)( |$)/ && held == ".Pp" { held = "" }
    /^\.Bl / && !options { flush(); print ".Pp"; print "Options:"; options = 1 }
    { flush(); print; previous = $0 }
    END {
        flush()
        if (!options) print "generate-docs: no list of options found; check docs/iijq.1" > "/dev/stderr"
        if (help != 2) print "generate-docs: the help-subcommand fix-up matched " help + 0 " of 2 places; check docs/iijq.1" > "/dev/stderr"
    }
' "$page" > docs/iijq.1

echo "Wrote completions/iijq.bash, completions/_iijq, completions/iijq.fish and docs/iijq.1"
