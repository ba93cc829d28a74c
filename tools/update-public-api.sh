#!/usr/bin/env bash
# Regenerates the record of the libraries' public API (Microsoft.CodeAnalysis.PublicApiAnalyzers) after a deliberate
# change to it: each project's PublicAPI.Unshipped.txt is emptied and refilled with every public symbol not already in
# PublicAPI.Shipped.txt (RS0016), plus "*REMOVED*" lines for shipped symbols that are gone (RS0017), sorted so diffs stay
# small. Review the diff of the .txt files before committing: it is the change to what users can call.
# When a version ships, move the Unshipped entries into Shipped by hand (see the analyzer's documentation).
#
# Usage: tools/update-public-api.sh            (from anywhere; takes a minute or so)
set -euo pipefail
cd "$(dirname "$0")/.."

# The core first: the lab's public API mentions the core's types.
projects=(src/Recurrent/Recurrent.csproj src/Recurrent.Lab/Recurrent.Lab.csproj src/Recurrent.Onnx/Recurrent.Onnx.csproj)

for project in "${projects[@]}"; do
  dir=$(dirname "$project")
  unshipped="$dir/PublicAPI.Unshipped.txt"
  [[ -f "$dir/PublicAPI.Shipped.txt" ]] || printf '#nullable enable\n' > "$dir/PublicAPI.Shipped.txt"
  printf '#nullable enable\n' > "$unshipped"
  echo "regenerating $unshipped"
  # Applies the analyzer's own code fixes (they edit only the PublicAPI files, never the sources).
  dotnet format analyzers "$project" --diagnostics RS0016 RS0017 --severity info
  { head -n 1 "$unshipped"; tail -n +2 "$unshipped" | grep -v '^$' | LC_ALL=C sort -u; } > "$unshipped.tmp"
  mv "$unshipped.tmp" "$unshipped"
  echo "  $(($(wc -l < "$unshipped") - 1)) entries"
done

# The check that matters: the build fails (TreatWarningsAsErrors) if any public symbol is missing or stale.
for project in "${projects[@]:1}"; do dotnet build "$project" -c Release --nologo -v quiet; done
echo "public API files up to date; review: git diff -- '*/PublicAPI.*.txt'"
