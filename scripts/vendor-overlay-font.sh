#!/usr/bin/env bash
# Vendors the Korean web font of the caption overlay: Noto Sans KR, bold (700), from the npm package
# @fontsource/noto-sans-kr (SIL Open Font License 1.1), into the sink's resources. The page loads
# only the subsets its text needs (unicode-range). Run from the repository root; needs npm.
set -euo pipefail
version=5.3.0
target=sink/src/main/resources/dev/signstream/sink/http/fonts/noto-sans-kr/$version
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "@fontsource/noto-sans-kr@$version" > /dev/null && tar xzf fontsource-noto-sans-kr-$version.tgz)
rm -rf "$target"
mkdir -p "$target/files"
# woff2 only: every browser that runs the overlay (and OBS's) reads it; the woff fallbacks are dropped
sed -E 's#, url\(\./files/[^)]*\.woff\) format\(.woff.\)##' "$work/package/700.css" > "$target/700.css"
grep -o 'files/[^)]*\.woff2' "$target/700.css" | sort -u | while read -r file; do
  cp "$work/package/$file" "$target/$file"
done
cp "$work/package/LICENSE" "$target/LICENSE"
cat > "$target/README.md" <<TEXT
Noto Sans KR, weight 700, from the npm package @fontsource/noto-sans-kr $version
(https://fontsource.org/fonts/noto-sans-kr), under the SIL Open Font License 1.1 (LICENSE).
Copied by scripts/vendor-overlay-font.sh: 700.css without its woff fallbacks, and the woff2 files it
names. The caption overlay links 700.css; the browser fetches only the subsets its text needs.
TEXT
echo "vendored $(ls "$target/files" | wc -l) woff2 files ($(du -sh "$target" | cut -f1)) into $target"
