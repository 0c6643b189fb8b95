"""Copy trained models from training/work/models/ into extractors/lang/<lang>/weights/ and write manifest.json.

Usage: python training/ship_models.py --lang uk --ner uk_ner   (then evaluate_models.py --write_manifest)
       python training/ship_models.py --lang ky --ner ky_ner
Scores are filled in by training/evaluate_models.py --write_manifest.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pathlib
import re
import shutil

ROOT = pathlib.Path(__file__).resolve().parents[1]
WORK = ROOT / "training" / "work"
LOGS = ROOT / "training" / "logs"
LANG_DIR = ROOT / "extractors" / "lang"  # shipped models go to <lang>/weights/

LICENSE = {
    "uk": "CC BY-NC-SA 4.0 (inherited from NER-UK 2.0, lang-uk/ner-uk: model and word vectors are derived from "
          "its TRAIN split; and from BRUK, brown-uk/corpus, CC BY-NC-SA 4.0, for the word vectors); "
          "non-commercial use only, share alike, attribute lang-uk and brown-uk.",
    "ky": "CC BY-NC-SA 4.0 (inherited from KyrgyzNER, Turatali et al. 2025, for the NER model and the word vectors); "
          "the tokenizer, the lemmatizer and part of the vectors also derive from UD_Kyrgyz-KTMU (CC BY-SA 4.0, "
          "attribute İbrahim Benli / UD). Non-commercial use only, share alike.",
}
TRAINING_DATA = {
    "uk": "NER-UK 2.0 (lang-uk/ner-uk@7772b458, v2.0) brat TRAIN split (the 391 'DEV' ids of dev-test-split.txt): "
          "352 documents train / 39 documents dev (seed 20251121, by document); PERS->PER, ORG->ORG, LOC->LOC, "
          "other types O, outermost spans; tokenized with extractors/lang/uk/tokenizer.py, token splits forced at "
          "entity offsets. TEST (169 documents) used only for the final score.",
    "ky": "NER: KyrgyzNER TRAIN (IlnarSelimcan/KyrgyzNER@d219855c), 899 documents train / 100 documents dev "
          "(seed 20251121, by document); PERSON->PER, LOCATION->LOC, INSTITUTION/ORGANISATION/BUSINESS->ORG, "
          "rest O; tokens with spaces split on whitespace. Tokenizer and lemmatizer: UD_Kyrgyz-KTMU@57ad72fd "
          "train (Stanza's prepare_*_treebank helpers split dev off train). TEST splits used only for scoring.",
}


def file_entry(path: pathlib.Path) -> dict:
    return {"path": path.name, "bytes": path.stat().st_size, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def training_info(log_name: str, script: str, seed: int = 1234) -> dict:
    log = (LOGS / f"{log_name}.log").read_text(encoding="utf-8")
    seconds = re.findall(r"WALL_SECONDS (\d+)", log)
    steps = re.findall(r"[Ss]tep\s+(\d+)/\s*(\d+)", log)
    info = {"command": script, "log": f"training/logs/{log_name}.log", "seed": seed,
            "seconds": int(seconds[-1]) if seconds else None}
    if steps:
        info["steps"] = int(steps[-1][0])  # last step logged
        info["max_steps"] = int(steps[-1][1])
    stopped = re.findall(r"STOPPED_BY_TIME_BOX at step (\d+)", log)
    if stopped:
        info["steps"] = int(stopped[-1])
        info["stopped"] = "time box (training/stop_at.sh): stopped after the dev evaluation at this step"
    if info["seconds"] is None:  # stopped runs: first to last log timestamp
        stamps = re.findall(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)", log, flags=re.M)
        if stamps:
            from datetime import datetime
            fmt = "%Y-%m-%d %H:%M:%S"
            info["seconds"] = int((datetime.strptime(stamps[-1], fmt) - datetime.strptime(stamps[0], fmt)).total_seconds())
    best = re.findall(r"dev_score = ([0-9.]+)", log)
    if best:
        info["best_dev_score"] = max(map(float, best))
    return info


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", required=True, choices=["uk", "ky"])
    ap.add_argument("--ner", required=True, help="name of the NER model in training/work/models (without .pt)")
    args = ap.parse_args()
    lang = args.lang
    dest = LANG_DIR / lang / "weights"
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "resources.json").write_text("{}\n", encoding="utf-8")
    copies = {"ner": (WORK / "models" / f"{args.ner}.pt", "ner.pt"), "pretrain": (WORK / lang / "pretrain.pt", "pretrain.pt")}
    if lang == "ky":
        copies["tokenize"] = (WORK / "models" / "ky_tokenize.pt", "tokenize.pt")
        copies["lemma"] = (WORK / "models" / "ky_lemma.pt", "lemma.pt")
    files = {}
    for key, (src, name) in copies.items():
        shutil.copyfile(src, dest / name)
        files[key] = file_entry(dest / name)
    vectors = json.loads((WORK / lang / "pretrain.json").read_text(encoding="utf-8"))
    vec_text = {
        "uk": "NER-UK 2.0 TRAIN text (all 391 TRAIN documents) + BRUK plain texts (brown-uk/corpus@0665e895, "
              "the files holding NER-UK TEST documents removed; training/prepare_bruk_text.py), lower-cased, "
              "tokenized with extractors/lang/uk/tokenizer.py",
        "ky": "KyrgyzNER TRAIN text (all 999 TRAIN documents) + UD_Kyrgyz-KTMU train sentences (forms), lower-cased",
    }[lang]
    manifest = {
        "lang": lang,
        "pipeline": "uk_tokenizer (regex, extractors/lang/uk/tokenizer.py) -> stanza ner (pretokenized)" if lang == "uk"
        else "stanza tokenize -> lemma (no POS) -> ner",
        "stanza": "1.15.0",
        "files": files,
        "training_data": TRAINING_DATA[lang],
        "vectors": f"gensim FastText skip-gram, {vectors['dim']}-d, seed {vectors['gensim']['seed']}, "
                   f"{vectors['gensim']['epochs']} epochs, vocabulary {vectors['vocab']}; text: {vec_text}. "
                   "No SlavicNER, NEREL, 24.kg-topics or test-split text.",
        "vectors_sources": vectors["sources"],
        "license": LICENSE[lang],
        "training": training_info(args.ner, f"training/train_{lang}_ner.sh {args.ner}"),  # the NER model
        "scores": {},
    }
    old = dest / "manifest.json"
    if old.is_file():  # keep scores measured for exactly these files
        prev = json.loads(old.read_text(encoding="utf-8"))
        if prev.get("files") == files:
            manifest["scores"] = prev.get("scores", {})
    if lang == "ky":
        manifest["training"]["tokenize"] = training_info("ky_tokenizer", "training/train_ky_tokenizer.sh")
        manifest["training"]["lemma"] = training_info("ky_lemma", "training/train_ky_lemma.sh")
    (dest / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: v["bytes"] for k, v in files.items()}))


if __name__ == "__main__":
    main()
