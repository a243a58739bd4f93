#!/usr/bin/env bash
# Installs what training/ and its tests need, from Debian's packages. Safe to run again: it
# only calls apt when a package is missing.
#   python3-torch (CPU), python3-onnx, python3-numpy, python3-opencv: model, export, video
#   libopenblas0-openmp: an optimised BLAS; Debian's torch is 2.5-4x slower without it
#   python3-pytest: the tests; python3-matplotlib + fonts-nanum: the confusion matrix image
set -euo pipefail
packages=(python3-torch python3-onnx python3-numpy python3-opencv libopenblas0-openmp
          python3-pytest python3-matplotlib fonts-nanum)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "training/setup.sh: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
/usr/bin/python3 -c "import torch, onnx, numpy, cv2, pytest, matplotlib" \
  || { echo "training/setup.sh: the Python packages do not import" >&2; exit 1; }
echo "training/setup.sh: ready (torch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)'))"
