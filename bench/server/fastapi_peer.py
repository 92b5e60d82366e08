"""Peer (b) of bench/server/run.sh: MLflow's serving stack today — FastAPI + uvicorn, the request turned into a pandas
DataFrame, an XGBoost model trained on the same churn data (one-hot categoricals, defaults), probability returned.

    python3 fastapi_peer.py train DATA.csv MODEL_DIR      # fits and saves the model and its column layout
    python3 fastapi_peer.py serve MODEL_DIR PORT WORKERS  # uvicorn with WORKERS processes
"""
import io
import json
import os
import sys

import pandas as pd


def train(data, out):
    import xgboost as xgb

    frame = pd.read_csv(data)
    y = (frame.pop("churn") == "yes").astype(int)
    categorical = [c for c in frame.columns if frame[c].dtype == object]
    x = pd.get_dummies(frame, columns=categorical, dtype=float)
    model = xgb.XGBClassifier(n_estimators=100, random_state=7, n_jobs=1)
    model.fit(x, y)
    os.makedirs(out, exist_ok=True)
    model.save_model(os.path.join(out, "model.json"))
    with open(os.path.join(out, "layout.json"), "w") as f:
        json.dump({"inputs": list(frame.columns), "categorical": categorical, "columns": list(x.columns)}, f)


def app_for(model_dir):
    import xgboost as xgb
    from fastapi import FastAPI, Request, Response

    with open(os.path.join(model_dir, "layout.json")) as f:
        layout = json.load(f)
    model = xgb.XGBClassifier()
    model.load_model(os.path.join(model_dir, "model.json"))
    app = FastAPI()

    def features(frame):
        x = pd.get_dummies(frame, columns=layout["categorical"], dtype=float)
        return x.reindex(columns=layout["columns"], fill_value=0.0)

    @app.post("/invocations")
    async def invocations(request: Request):
        body = await request.body()
        if request.headers.get("content-type", "").startswith("text/csv"):
            frame = pd.read_csv(io.BytesIO(body), header=None, names=layout["inputs"])
        else:
            payload = json.loads(body)
            frame = pd.DataFrame(payload["dataframe_records"] if "dataframe_records" in payload else payload["instances"])
        scores = model.predict_proba(features(frame))[:, 1]
        return Response(json.dumps({"predictions": [{"score": float(s)} for s in scores]}), media_type="application/json")

    return app


if __name__ == "__main__":
    if sys.argv[1] == "train":
        train(sys.argv[2], sys.argv[3])
    else:
        import uvicorn

        os.environ["PEER_MODEL_DIR"] = sys.argv[2]
        uvicorn.run("fastapi_peer:factory", factory=True, host="127.0.0.1", port=int(sys.argv[3]),
                    workers=int(sys.argv[4]), log_level="warning", access_log=False)


def factory():
    return app_for(os.environ["PEER_MODEL_DIR"])
