#!/usr/bin/env bash
# Posts the comment `clvsim diff --markdown` wrote to a pull request (GitHub) or merge request
# (GitLab), or updates the earlier one: the comment whose first line is the marker below.
#
#   scripts/diff-comment.sh github COMMENT.md   # needs GH_TOKEN, GITHUB_REPOSITORY, PR_NUMBER; uses gh
#   scripts/diff-comment.sh gitlab COMMENT.md   # needs GITLAB_TOKEN, CI_API_V4_URL, CI_PROJECT_ID,
#                                               # CI_MERGE_REQUEST_IID; uses curl and jq
set -euo pipefail
platform=${1:?usage: diff-comment.sh github|gitlab COMMENT.md}
body=${2:?usage: diff-comment.sh github|gitlab COMMENT.md}
marker='<!-- clvsim-diff -->'
if [ "$(head -n 1 "$body")" != "$marker" ]; then
  echo "diff-comment: $body does not start with $marker" >&2
  exit 2
fi
case "$platform" in
  github)
    comments="repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments"
    id=$(gh api --paginate "$comments" --jq ".[] | select(.body | startswith(\"$marker\")) | .id" | head -n 1)
    if [ -n "$id" ]; then
      gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$id" -F "body=@$body" > /dev/null
      echo "diff-comment: updated comment $id"
    else
      gh api --method POST "$comments" -F "body=@$body" > /dev/null
      echo "diff-comment: posted a new comment"
    fi
    ;;
  gitlab)
    notes="$CI_API_V4_URL/projects/$CI_PROJECT_ID/merge_requests/$CI_MERGE_REQUEST_IID/notes"
    id=$(curl -sSf --header "PRIVATE-TOKEN: $GITLAB_TOKEN" "$notes?per_page=100&sort=asc" \
      | jq -r --arg m "$marker" '[.[] | select(.body | startswith($m))][0].id // empty')
    if [ -n "$id" ]; then
      curl -sSf --request PUT --header "PRIVATE-TOKEN: $GITLAB_TOKEN" --data-urlencode "body@$body" "$notes/$id" > /dev/null
      echo "diff-comment: updated note $id"
    else
      curl -sSf --request POST --header "PRIVATE-TOKEN: $GITLAB_TOKEN" --data-urlencode "body@$body" "$notes" > /dev/null
      echo "diff-comment: posted a new note"
    fi
    ;;
  *)
    echo "diff-comment: unknown platform '$platform' (github or gitlab)" >&2
    exit 2
    ;;
esac
