#!/usr/bin/env bash
# The growth cycle on the churn sample, in one command on a fresh clone:
#   train → 30 days of simulated traffic with a drift and late ground truth → monitor → growth → retrain on the labels.
# Works on a copy of samples/churn in OUT (default out/churn-loop, replaced each run), so the sample stays clean and a
# second run does not add a second month of traffic. Reports: OUT/monitor.html, OUT/growth.html and growth.json.
#   samples/churn/loop.sh [OUT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$root/out/churn-loop}"
fw() { "$root/flywheel" "$@"; }
step() { printf '\n== %s\n' "$*" >&2; }

rm -rf "$out"
mkdir -p "$out"
cp -R "$root/samples/churn/flywheel.yaml" "$root/samples/churn/data" "$out/"

step "1/5 train (20 s budget): the model the endpoint serves (telco-churn@candidate)"
fw train "$out" --budget 20s --seed 7 > "$out/train.txt"
tail -n 1 "$out/train.txt"

# Day-time minutes grow by up to 30 % and the international plan spreads from ~10 % to 30 % of the subscribers over the
# second half of the month; 60 % of the requests learn their outcome 3 days later (the last 3 days' are still pending).
step "2/5 simulate 30 days × 400 requests, drifting from day 16"
fw simulate "$out" --days 30 --per-day 400 --drift total_day_minutes=*1.3 --drift international_plan=yes:0.3 \
  --label-delay 3d --label-share 0.6 --seed 7

step "3/5 monitor the 30 days: drift, data quality, model quality, realized value, alerts"
fw monitor "$out" --since 30d -o "$out/monitor.html"

step "4/5 growth: usage, labels, accuracy and KPI per day, the three conditions"
fw growth "$out" -o "$out/growth.html"
fw growth "$out" --json > "$out/growth.json"

# The simulated rows are drawn from the training data itself, so the candidate has seen rows like the holdout's:
# read this comparison as the loop's mechanics, not as evidence for promotion.
step "5/5 retrain on the production labels and compare with the champion on fresh production rows"
fw train "$out" --with-production-data --budget 20s --seed 7 | tail -n 16

printf '\nreports: %s/monitor.html %s/growth.html %s/growth.json\n' "$out" "$out" "$out" >&2
