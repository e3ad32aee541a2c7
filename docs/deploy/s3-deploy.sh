#!/usr/bin/env bash
# Publish what the last build changed to an S3 bucket behind CloudFront: upload the files written,
# delete the files removed, then purge them from the CDN. Run after
#   npm run build -- --strict --changed-files changed.txt
# with BUCKET and DISTRIBUTION set. The first time, upload everything once:
#   aws s3 sync dist/ "s3://$BUCKET/" --delete
set -euo pipefail
: "${BUCKET:?the bucket name}" "${DISTRIBUTION:?the CloudFront distribution id}"
list=${1:-changed.txt}

# Files named by their bytes never change: cached for a year. Everything else: five minutes.
cache_control() {
  if [[ $1 =~ ^images/[0-9a-f]{16}/ || $1 =~ \.pf_(fragment|index|meta|filter)$ ]]; then
    echo 'public, max-age=31536000, immutable'
  else
    echo 'public, max-age=300'
  fi
}

# The types feed readers expect; for the others, the aws command's guess by extension.
content_type() {
  case "$1" in
  feed.xml | */feed.xml) echo 'application/rss+xml; charset=utf-8' ;;
  atom.xml | */atom.xml) echo 'application/atom+xml; charset=utf-8' ;;
  feed.json | */feed.json) echo 'application/feed+json; charset=utf-8' ;;
  *.pf_fragment | *.pf_index | *.pf_meta | *.pf_filter | *.pagefind) echo 'application/octet-stream' ;;
  esac
}

purge=()
while IFS= read -r line; do
  file=${line:2}
  case "$line" in
  "+ "*)
    type=$(content_type "$file")
    aws s3 cp "dist/$file" "s3://$BUCKET/$file" --cache-control "$(cache_control "$file")" ${type:+--content-type "$type"} ;;
  "- "*) aws s3 rm "s3://$BUCKET/$file" ;;
  esac
  purge+=("/$file")
  # A page is read at its folder's address too.
  if [[ $file == index.html || $file == */index.html ]]; then purge+=("/${file%index.html}"); fi
done <"$list"

if ((${#purge[@]} > 1000)); then purge=('/*'); fi
if ((${#purge[@]} > 0)); then aws cloudfront create-invalidation --distribution-id "$DISTRIBUTION" --paths "${purge[@]}" >/dev/null; fi
