"""Retrain the shipped models from ``../shared`` with a fixed seed.

    python -m newstrace.train attribution [--seed 0] [--max-steps N] [--ship]
    python -m newstrace.train acceptance [--ship]   (after attribution: it reads the tagger)
    python -m newstrace.train signals [--curve] [--ship]   (our annotations; after both above)

The data is prepared once into ``build/`` (parsed examples), then spaCy's own
config-driven trainer runs ``train/configs/<model>.cfg``. ``--ship`` copies the
best model into the package (``newstrace/models/<model>``), where the pipeline
loads it offline.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

CONFIGS = Path(__file__).resolve().parent / "configs"
SHIPPED = Path(__file__).resolve().parents[1] / "models"
ANNOTATIONS = Path(__file__).resolve().parents[3] / "annotations"


def _attribution(args: argparse.Namespace) -> int:
    from spacy.cli.train import train
    from spacy.util import fix_random_seed  # type: ignore[attr-defined]

    import newstrace.extract.attribution.tagger
    import newstrace.train.corpus  # noqa: F401  (registers the reader)
    from newstrace.train.own_examples import build_own, concatenate
    from newstrace.train.polnear import build, polnear_dir

    root = Path(args.polnear) if args.polnear else polnear_dir()
    if not (root / "train").is_dir():
        print(f"E019: PolNeAR not found at {root} (needs ../shared/eval/polnear)", file=sys.stderr)
        return 2
    data = Path(args.build) / "polnear"
    for split in ("train", "dev"):
        if args.rebuild or not (data / f"{split}.gold.spacy").exists():
            print(f"preparing PolNeAR {split} …", flush=True)
            build(root, split, data, limit=args.limit)
    train_set = data / "train"
    own = sorted(ANNOTATIONS.glob("*.train.json"))
    if own and args.with_annotations:
        # our own train annotations (the gold README's schema) join PolNeAR's train split
        print(f"preparing our annotations ({len(own)} files) …", flush=True)
        build_own(own, data)
        train_set = data / "train_plus"
        concatenate([data / "train", data / "own"], train_set)
    out = Path(args.build) / "models" / "attribution"
    fix_random_seed(args.seed)
    overrides = {"paths.train": str(train_set), "paths.dev": str(data / "dev"),
                 "system.seed": args.seed}
    if args.max_steps:
        overrides["training.max_steps"] = args.max_steps
    train(CONFIGS / "attribution.cfg", out, overrides=overrides)
    if args.ship:
        target = SHIPPED / "attribution"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(out / "model-best", target)
        print(f"shipped {target}")
    return 0


def _acceptance(args: argparse.Namespace) -> int:
    import json

    from newstrace.extract.attribution.acceptance import SHIPPED
    from newstrace.train.acceptance import fit

    root = ANNOTATIONS
    train, dev = sorted(root.glob("*.train.json")), sorted(root.glob("*.dev.json"))
    if not train or not dev:
        print(f"E040: no annotations under {root}", file=sys.stderr)
        return 2
    model, report = fit(train, dev, seed=args.seed)
    print(report)
    out = Path(args.build) / "models" / "attribution_acceptance.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model.to_json(), indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"threshold {model.threshold:.2f}; wrote {out}")
    if args.ship:
        SHIPPED.write_text(out.read_text("utf-8"), "utf-8")
        print(f"shipped {SHIPPED}")
    return 0


def _signals(args: argparse.Namespace) -> int:
    from newstrace.extract.signals.learned import SHIPPED as SIGNALS_SHIPPED
    from newstrace.train.signals import examples, fit_model, subset, tune, tune_combined

    train_files, dev_files = sorted(ANNOTATIONS.glob("*.train.json")), sorted(ANNOTATIONS.glob("*.dev.json"))
    if not train_files or not dev_files:
        print(f"E040: no annotations under {ANNOTATIONS}", file=sys.stderr)
        return 2
    print("preparing our annotated articles …", flush=True)
    train = list(examples(train_files, limit=args.limit))
    dev = list(examples(dev_files, limit=args.limit))
    shares = (0.25, 0.5, 1.0) if args.curve else (1.0,)
    model = None
    for share in shares:
        model, s = tune(fit_model(subset(train, share, args.seed), seed=args.seed), dev)
        print(f"train share {share:.0%} ({len(subset(train, share, args.seed))} articles): dev signal "
              f"P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} "
              f"(thresholds {model.threshold:.2f}/{model.actor_threshold:.2f}); "
              + " ".join(f"{k} {v:.3f}" for k, v in s["fields"].items()), flush=True)
    assert model is not None
    model, s = tune_combined(model, dev)
    print(f"combined with the rules: dev signal P {s['precision']:.3f} R {s['recall']:.3f} "
          f"F1 {s['f1']:.3f} (threshold {model.combined_threshold:.2f})", flush=True)
    out = Path(args.build) / "models" / "signals" / "model.npz"
    model.save(out)
    print(f"wrote {out}")
    if args.ship:
        model.save(SIGNALS_SHIPPED)
        print(f"shipped {SIGNALS_SHIPPED}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m newstrace.train", description=__doc__.splitlines()[0])
    ap.add_argument("model", choices=["attribution", "acceptance", "signals"],
                    help="attribution: the tagger (PolNeAR); acceptance: the candidate filter "
                         "(our annotations); signals: the signal model (our annotations)")
    ap.add_argument("--curve", action="store_true",
                    help="signals: also fit on 25%% and 50%% of the articles (learning curve)")
    ap.add_argument("--polnear", help="PolNeAR folder (default ../shared/eval/polnear)")
    ap.add_argument("--build", default="build", help="work folder for prepared data and checkpoints")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-steps", type=int, default=0, help="override the config's max_steps")
    ap.add_argument("--rebuild", action="store_true", help="prepare the data again")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N articles per split (tests)")
    ap.add_argument("--with-annotations", action="store_true",
                    help="add our annotated train articles to PolNeAR's (tried; not what ships)")
    ap.add_argument("--ship", action="store_true", help="copy the best model into the package")
    args = ap.parse_args(argv)
    run = {"attribution": _attribution, "acceptance": _acceptance, "signals": _signals}[args.model]
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
