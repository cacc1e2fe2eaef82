#!/usr/bin/env bash
# Rebuilds resources/fonts/NotoSansSC-Subset.otf, the font report charts are drawn with (OFL, see
# resources/fonts/README.md). A development tool, not part of install: it needs Debian's fonts-noto-cjk and
# python3-fonttools. The subset keeps ASCII, the GB2312 symbols and all 6,763 GB2312 hanzi.
set -euo pipefail
cd "$(dirname "$0")/.."
source_font=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
chars=$(mktemp)
/usr/bin/python3 - "$chars" <<'PY'
import sys
out = [chr(c) for c in range(0x20, 0x7f)]
for hi in list(range(0xA1, 0xAA)) + list(range(0xB0, 0xF8)):
    for lo in range(0xA1, 0xFF):
        try:
            out.append(bytes([hi, lo]).decode('gb2312'))
        except UnicodeDecodeError:
            pass
out += list('—–…‘’“”·•×÷≤≥±％＋～①②③④⑤')
open(sys.argv[1], 'w', encoding='utf-8').write(''.join(out))
PY
mkdir -p resources/fonts
# Face 2 of the collection is Noto Sans CJK SC.
/usr/bin/python3 -m fontTools.subset "$source_font" --font-number=2 --text-file="$chars" \
  --output-file=resources/fonts/NotoSansSC-Subset.otf --layout-features='*' --name-IDs='*' --no-hinting
rm "$chars"
ls -la resources/fonts/NotoSansSC-Subset.otf
