#!/usr/bin/env bash
# UD_Kyrgyz-KTMU in the layout Stanza's dataset helpers expect, prepared for one trainer.
# Usage: training/prepare_ktmu.sh tokenizer|lemma; run from the repository root.
# Writes training/work/ud/UD_Kyrgyz-KTMU/ and training/work/data/<tokenize|lemma>/ (Stanza splits dev off train).
set -euo pipefail
PY=${PY:-.venv/bin/python}
W=training/work
SHARED_DATA=${DIPLO_SHARED_DATA:-$(cd "$(dirname "$0")/../.." && pwd)/shared/data}
mkdir -p $W/ud/UD_Kyrgyz-KTMU
cp "$SHARED_DATA"/ud-kyrgyz-ktmu/ky_ktmu-ud-{train,test}.conllu $W/ud/UD_Kyrgyz-KTMU/
case $1 in
  tokenizer) HELPER=prepare_tokenizer_treebank; EXTRA="" ;;
  lemma) HELPER=prepare_lemma_treebank; EXTRA="--gold" ;;
  *) echo "usage: training/prepare_ktmu.sh tokenizer|lemma" >&2; exit 2 ;;
esac
UDBASE=$PWD/$W/ud DATA_ROOT=$PWD/$W/data $PY -m stanza.utils.datasets.$HELPER UD_Kyrgyz-KTMU $EXTRA > /dev/null
