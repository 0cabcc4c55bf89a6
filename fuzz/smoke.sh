#!/usr/bin/env bash
# A short coverage-guided fuzz of every target (about 8 s each), seeded
# with the fixtures and, when it is there, the Atlas corpus. Longer runs:
#   cargo fuzz run --sanitizer none -O flowchart CORPUS_DIR ../shared/corpus/atlas -- -dict=fuzz/mermaid.dict -timeout=1
set -euo pipefail
cd "$(dirname "$0")"
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz smoke: skipped (cargo fuzz is not installed: cargo install cargo-fuzz)"
  exit 0
fi
seconds="${FUZZ_SECONDS:-8}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo fuzz build --sanitizer none -O
for target in parsers flowchart sequence charts state kinds end_to_end; do
  mkdir -p "$work/$target"
  cargo fuzz run --sanitizer none -O "$target" "$work/$target" ../tests/fixtures -- \
    -dict=mermaid.dict -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -max_len=4096 2>&1 | grep -E "^(#[0-9]+ +DONE|==|SUMMARY|Done)" || true
  # a crash, timeout or out-of-memory leaves an artifact and a non-zero exit above; fail on artifacts
  if compgen -G "artifacts/$target/*" >/dev/null; then
    echo "fuzz smoke: $target found a failing input: fuzz/artifacts/$target/"
    exit 1
  fi
done
echo "fuzz smoke: 7 targets, no crash, timeout or out-of-memory"
