"""bench/server: Flywheel's /invocations against raw Kestrel and a FastAPI + XGBoost scorer, under wrk, and a batch
transform job against a PredictionEngine loop. Run by bench/server/run.sh (which builds everything first).

Real-time: each target is loaded alone for DURATION seconds at a fixed 1,000 requests/s (wrk with a per-connection
delay; Debian's wrk has no -R) and then at saturation (64 connections, no delay). Batch: a 10k and a 1M-row churn file
are transformed by a job on a fresh server each, and scored by the PredictionEngine loop of bench/models; rows/s and the
server's peak resident memory (VmHWM) are printed with the ratios.
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
OUT = REPO / "bench" / "out" / "server"
FLYWHEEL = REPO / "flywheel"
RAW = HERE / "raw" / "bin" / "Release" / "net10.0" / "Flywheel.Bench.Raw.dll"
ENGINE = REPO / "bench" / "models" / "bin" / "Release" / "net10.0" / "Flywheel.Bench.Models.dll"
KEY = "fw_benchadmin00_" + "b" * 43
PY = "/usr/bin/python3"


def wait_until(url, seconds=120, method="GET", body=None, headers=None):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return
        except Exception:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def start(command, env=None, log=None):
    log_file = open(OUT / log, "w") if log else subprocess.DEVNULL
    return subprocess.Popen(command, env={**os.environ, **(env or {})}, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True)


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def wrk(url, body_file, content_type, rate, connections, duration, key=""):
    env = {**os.environ, "BODY_FILE": str(body_file), "CONTENT_TYPE": content_type, "RATE": str(rate),
           "CONNECTIONS": str(connections), "API_KEY": key}
    text = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "5s", "-s", str(HERE / "post.lua"), url],
                          env=env, capture_output=True, text=True, check=True).stdout
    line = next(l for l in text.splitlines() if l.startswith("RESULT"))
    return {k: float(v) for k, v in (pair.split("=") for pair in line.split()[1:])}


def use_case():
    folder = OUT / "churn"
    if not (folder / ".flywheel" / "artifacts").exists():
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "data").mkdir(parents=True)
        shutil.copy(REPO / "samples" / "churn" / "flywheel.yaml", folder)
        shutil.copy(REPO / "samples" / "churn" / "data" / "mlc_churn.csv", folder / "data")
        subprocess.run([str(FLYWHEEL), "train", str(folder), "--budget", "20s"], check=True, stdout=subprocess.DEVNULL)
    return folder


def package_of(folder):
    packages = [p for p in (folder / ".flywheel" / "artifacts").iterdir() if (p / "manifest.json").exists()]
    return sorted(packages, key=lambda p: p.stat().st_mtime)[-1]


def serve(folder, port, log):
    process = start([str(FLYWHEEL), "serve", str(folder), "--port", str(port), "--data-root", str(OUT)],
                    env={"FLYWHEEL_ADMIN_KEY": KEY}, log=log)
    wait_until(f"http://127.0.0.1:{port}/ping")
    return process


def realtime(args, folder):
    peer_model = OUT / "xgboost"
    subprocess.run([PY, str(HERE / "fastapi_peer.py"), "train", str(folder / "data" / "mlc_churn.csv"), str(peer_model)], check=True)
    targets = [
        ("raw Kestrel (constant)", [ "dotnet", str(RAW), "--urls", "http://127.0.0.1:18080"], 18080, [("csv", "text/csv", HERE / "row.csv")], ""),
        ("FastAPI + uvicorn + XGBoost", [PY, str(HERE / "fastapi_peer.py"), "serve", str(peer_model), "18081", str(args.peer_workers)], 18081,
         [("csv", "text/csv", HERE / "row.csv"), ("json", "application/json", HERE / "row.json")], ""),
        ("Flywheel /invocations", None, 18082,
         [("csv", "text/csv", HERE / "row.csv"), ("json", "application/json", HERE / "row.json")], KEY),
    ]
    results = []
    for name, command, port, formats, key in targets:
        process = serve(folder, port, "flywheel-serve.log") if command is None else start(command, log=f"peer-{port}.log")
        try:
            url = f"http://127.0.0.1:{port}/invocations"
            if command is not None:
                wait_until(url, method="POST", body=(HERE / "row.csv").read_bytes(), headers={"Content-Type": "text/csv"})
            for label, content_type, body in formats:
                wrk(url, body, content_type, 0, 16, args.warmup, key)  # warm-up: past .NET's tier-0 code and the first GCs
                fixed = wrk(url, body, content_type, 1000, 10, args.duration, key)
                saturated = wrk(url, body, content_type, 0, 64, args.duration, key)
                results.append((name, label, fixed, saturated))
                print(f"{name} {label}: 1k rps → {fixed}; saturation → {saturated}", file=sys.stderr)
        finally:
            stop(process)
    return results


def batch(args, folder):
    rows = [l for l in (folder / "data" / "mlc_churn.csv").read_text().splitlines()]
    header, body = rows[0], rows[1:]
    out = {}
    for size in args.batch_rows:
        path = OUT / f"batch-{size}.csv"
        if not path.exists():
            with open(path, "w") as f:
                f.write(header + "\n")
                for i in range(size):
                    f.write(body[i % len(body)] + "\n")
        output = Path(str(path) + ".out")
        output.unlink(missing_ok=True)
        process = serve(folder, 18083, f"flywheel-batch-{size}.log")
        try:
            request = urllib.request.Request("http://127.0.0.1:18083/api/v1/batch-transform-jobs", method="POST",
                data=json.dumps({"model": "telco-churn@candidate", "input": str(path)}).encode(),
                headers={"Content-Type": "application/json", "Authorization": f"Bearer {KEY}"})
            started = time.time()
            job = json.load(urllib.request.urlopen(request))
            job_id = job.get("id") or job.get("jobId")
            while True:
                status = json.load(urllib.request.urlopen(urllib.request.Request(
                    f"http://127.0.0.1:18083/api/v1/jobs/{job_id}", headers={"Authorization": f"Bearer {KEY}"})))
                if status["state"] in ("succeeded", "failed", "cancelled"):
                    break
                time.sleep(0.2)
            seconds = time.time() - started
            if status["state"] != "succeeded":
                raise SystemExit(f"batch job {job_id} ended {status['state']}: {status.get('error')}")
            peak = peak_rss_mib(process)
        finally:
            stop(process)
        engine = json.loads(subprocess.run(["dotnet", str(ENGINE), str(package_of(folder)), str(path), str(OUT / "engine.out.csv")],
                                           capture_output=True, text=True, check=True).stdout)
        out[size] = {"job_rows_per_s": size / seconds, "job_seconds": seconds, "peak_mib": peak,
                     "engine_rows_per_s": engine["rowsPerSecond"]}
        print(f"batch {size}: {out[size]}", file=sys.stderr)
    return out


def peak_rss_mib(process):
    # `flywheel` is a script that execs dotnet, so the server is the process itself.
    for line in open(f"/proc/{process.pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def report(realtime_results, batch_results):
    lines = ["| target | body | 1k rps: achieved | p50 ms | p99 ms | errors | saturation rps | sat. p99 ms |", "|---|---|---|---|---|---|---|---|"]
    for name, label, fixed, sat in realtime_results:
        errors = int(fixed["non2xx"] + fixed["socket_errors"])
        lines.append(f"| {name} | {label} | {fixed['rps']:.0f} | {fixed['p50_ms']:.2f} | {fixed['p99_ms']:.2f} | {errors} | {sat['rps']:.0f} | {sat['p99_ms']:.1f} |")
    by = {(n, l): s["rps"] for n, l, _, s in realtime_results}
    raw = by.get(("raw Kestrel (constant)", "csv"))
    for label in ("csv", "json"):
        ours, peer = by.get(("Flywheel /invocations", label)), by.get(("FastAPI + uvicorn + XGBoost", label))
        if ours and raw and peer:
            lines.append(f"\nFlywheel {label}: saturation {ours / raw:.2f}× raw Kestrel (goal ≥ 0.5), {ours / peer:.1f}× FastAPI (goal ≥ 10)")
    if batch_results:
        lines.append("\n| rows | job rows/s | PredictionEngine loop rows/s | ratio (goal ≥ 1.5) | job s | server peak MiB |\n|---|---|---|---|---|---|")
        for size, r in batch_results.items():
            lines.append(f"| {size:,} | {r['job_rows_per_s']:,.0f} | {r['engine_rows_per_s']:,.0f} | {r['job_rows_per_s'] / r['engine_rows_per_s']:.2f} | {r['job_seconds']:.1f} | {r['peak_mib']:.0f} |")
        sizes = sorted(batch_results)
        if len(sizes) > 1:
            lines.append(f"\npeak memory {sizes[-1]:,} rows / {sizes[0]:,} rows: {batch_results[sizes[-1]]['peak_mib'] / batch_results[sizes[0]]['peak_mib']:.2f}× (goal: flat)")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=20, help="seconds of load before each measured run")
    parser.add_argument("--peer-workers", type=int, default=2, help="uvicorn worker processes (one per core here)")
    parser.add_argument("--batch-rows", type=int, nargs="*", default=[10_000, 1_000_000])
    parser.add_argument("--skip-realtime", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    folder = use_case()
    realtime_results = [] if args.skip_realtime else realtime(args, folder)
    batch_results = batch(args, folder) if args.batch_rows else {}
    text = report(realtime_results, batch_results)
    (OUT / "results.md").write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
