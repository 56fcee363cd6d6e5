#!/bin/sh
# Rebuilds static/vendor/editor/{editor.js,editor.css} from npm in a throw-away folder, so
# no node_modules ever lands in the repository. Needs node >= 18 and the npm registry.
# Usage: sh bench/editor-build/build.sh
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT="$HERE/../../static/vendor/editor"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cp "$HERE/package.json" "$HERE/entry.mjs" "$TMP/"
cd "$TMP"
npm install --no-audit --no-fund --ignore-scripts
./node_modules/.bin/esbuild entry.mjs --bundle --minify --format=iife --target=es2019 \
  --legal-comments=none --banner:js="/* ProseMirror and helpers, MIT licence: see LICENSES.txt beside this file */" --outfile="$OUT/editor.js"
cat node_modules/prosemirror-view/style/prosemirror.css \
    node_modules/prosemirror-menu/style/menu.css \
    node_modules/prosemirror-example-setup/style/style.css \
    "$HERE/editor-extra.css" > "$OUT/editor.css"
echo "built $OUT/editor.js and editor.css"
