#!/usr/bin/env bash
# Regenerates the committed sample stream in public/media/sample/ (issue 9, "media that runs
# here with nothing installed"): a 24 s loop of 12 × 2 s segments, H.264 + AAC in MPEG-TS,
# as three renditions — 360p (≤600 kbps), 180p (≤150 kbps), audio only (64 kbps) — each with a
# VOD media playlist, and a master playlist listing all three.
#
# The picture is drawn by ffmpeg (no input files): a sky and a field, a sun that crosses and
# comes back within the loop, the clip clock and the rendition's name burnt in, so a viewer
# sees it advance and sees which rendition plays. The sound is a soft chord with a 2 s swell.
# Everything moves with a period that divides 24 s, so the loop joins without a jump.
#
# Deterministic: bit-exact flags, one encoder thread, fixed GOP (a keyframe every 2 s, no
# scene cuts), so the same ffmpeg build writes the same bytes. Needs ffmpeg with libx264 and
# libfreetype (Debian's has both) and the DejaVu and Noto CJK fonts (fonts-dejavu-core,
# fonts-noto-cjk). Run from the repository root: scripts/make-sample-media.sh
set -euo pipefail

OUT=public/media/sample
DURATION=24
FPS=25
SEGMENT=2
LATIN_FONT=${LATIN_FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf}
MONO_FONT=${MONO_FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf}
CJK_FONT=${CJK_FONT:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}

command -v ffmpeg >/dev/null || { echo "make-sample-media: ffmpeg is not on PATH (apt-get install ffmpeg)" >&2; exit 1; }
for font in "$LATIN_FONT" "$MONO_FONT" "$CJK_FONT"; do
  [[ -f $font ]] || { echo "make-sample-media: font $font is missing" >&2; exit 1; }
done
[[ -f package.json && -d public ]] || { echo "make-sample-media: run it from the repository root" >&2; exit 1; }

# The scene at 640x360; the 180p rendition scales it down, so both show the same frame.
SCENE="color=c=0x9fd8f2:s=640x360:r=${FPS}:d=${DURATION},format=yuv420p,
drawbox=x=0:y=0:w=640:h=70:c=0xc4e8f7:t=fill,
drawbox=x=0:y=222:w=640:h=138:c=0x6aa84f:t=fill,
drawbox=x=0:y=222:w=640:h=6:c=0x9bc46a:t=fill,
drawbox=x=0:y=256:w=640:h=10:c=0x5b9443:t=fill,
drawbox=x=0:y=296:w=640:h=14:c=0x5b9443:t=fill,
drawbox=x=0:y=340:w=640:h=20:c=0x4e8539:t=fill,
drawtext=fontfile=${LATIN_FONT}:text='●':fontsize=96:fontcolor=0xffcf40:
x='40+(w-180)*(0.5-0.5*cos(2*PI*t/${DURATION}))':y='118-70*sin(PI*(0.5-0.5*cos(2*PI*t/${DURATION})))',
drawtext=fontfile=${CJK_FONT}:text='Harvest Live · 样例直播':fontsize=26:fontcolor=0x1f3b2c:x=24:y=20,
drawtext=fontfile=${LATIN_FONT}:text='SAMPLE STREAM':fontsize=15:fontcolor=0xffffff:box=1:boxcolor=0xc0392b:boxborderw=6:x=w-tw-30:y=26,
drawtext=fontfile=${MONO_FONT}:text='%{pts\\:hms}':fontsize=44:fontcolor=0xffffff:box=1:boxcolor=0x1f3b2c@0.75:boxborderw=12:
x=(w-tw)/2:y=262"

# A soft A-minor-ish chord (220/330/440 Hz, whole cycles in 24 s) swelling every 2 s.
TONE="aevalsrc='(0.05*sin(2*PI*220*t)+0.035*sin(2*PI*330*t)+0.02*sin(2*PI*440*t))*(0.6+0.4*cos(2*PI*t/2))':s=48000:c=stereo:d=${DURATION}"

COMMON=(-hide_banner -loglevel error -y -fflags +bitexact)
VIDEO=(-c:v libx264 -profile:v baseline -level:v 3.0 -pix_fmt yuv420p -preset slow -threads 1
  -x264-params "keyint=$((FPS * SEGMENT)):min-keyint=$((FPS * SEGMENT)):scenecut=0:open-gop=0" -flags:v +bitexact)
# Exactly 24 s of audio that starts with the video: the AAC encoder dates its first packet
# 1024 samples (its priming) early, so audio would span 24.021 s per pass and a live player's
# position would fall 21 ms further behind the wall clock at every loop. Shifting the audio by
# the priming and keeping 1125 packets (24 s / 1024 samples) makes every pass exactly 24 s.
AUDIO=(-af "asetpts=PTS+1024/SR/TB" -c:a aac -b:a 64k -ar 48000 -ac 2 -flags:a +bitexact -frames:a $((DURATION * 48000 / 1024)))
HLS=(-f hls -hls_time "$SEGMENT" -hls_playlist_type vod -hls_list_size 0 -hls_flags independent_segments
  -hls_segment_type mpegts)

rm -rf "$OUT"
mkdir -p "$OUT/360p" "$OUT/180p" "$OUT/audio"

# label: the rendition's name in the picture's corner, after scaling so it stays legible.
rendition() {
  local name=$1 size=$2 crf=$3 maxrate=$4 label_size=$5
  local label="drawtext=fontfile=${LATIN_FONT}:text='${name}':fontsize=${label_size}:fontcolor=0xffffff:box=1:boxcolor=0x000000@0.45:boxborderw=4:x=w-tw-8:y=h-th-8"
  ffmpeg "${COMMON[@]}" -f lavfi -i "${SCENE//$'\n'/}" -f lavfi -i "$TONE" \
    -vf "scale=${size}:flags=bicubic,${label}" "${VIDEO[@]}" -crf "$crf" -maxrate "$maxrate" -bufsize "$((${maxrate%k} * 2))k" \
    "${AUDIO[@]}" -t "$DURATION" "${HLS[@]}" -hls_segment_filename "$OUT/$name/seg-%02d.ts" "$OUT/$name/index.m3u8"
}
rendition 360p 640x360 18 600k 14
rendition 180p 320x180 20 150k 10
ffmpeg "${COMMON[@]}" -f lavfi -i "$TONE" -vn "${AUDIO[@]}" "${HLS[@]}" \
  -hls_segment_filename "$OUT/audio/seg-%02d.ts" "$OUT/audio/index.m3u8"

# BANDWIDTH is the peak segment bitrate and AVERAGE-BANDWIDTH the mean, both measured on the
# files just written (RFC 8216 §4.3.4.2), so a player's ABR estimate matches what it downloads.
bandwidth() {
  local dir=$1
  awk -v dir="$dir" '
    /^#EXTINF:/ { sub(/^#EXTINF:/, ""); sub(/,.*/, ""); duration = $0; next }
    /^seg-.*\.ts$/ {
      cmd = "wc -c < " dir "/" $0; cmd | getline bytes; close(cmd)
      rate = bytes * 8 / duration; if (rate > peak) peak = rate
      total_bytes += bytes; total_duration += duration
    }
    END { printf "BANDWIDTH=%d,AVERAGE-BANDWIDTH=%d", int(peak + 0.999), int(total_bytes * 8 / total_duration + 0.999) }
  ' "$dir/index.m3u8"
}

cat >"$OUT/master.m3u8" <<EOF
#EXTM3U
#EXT-X-VERSION:3
#EXT-X-INDEPENDENT-SEGMENTS
#EXT-X-STREAM-INF:$(bandwidth "$OUT/360p"),RESOLUTION=640x360,FRAME-RATE=${FPS}.000,CODECS="avc1.42e01e,mp4a.40.2"
360p/index.m3u8
#EXT-X-STREAM-INF:$(bandwidth "$OUT/180p"),RESOLUTION=320x180,FRAME-RATE=${FPS}.000,CODECS="avc1.42e01e,mp4a.40.2"
180p/index.m3u8
#EXT-X-STREAM-INF:$(bandwidth "$OUT/audio"),CODECS="mp4a.40.2"
audio/index.m3u8
EOF

du -sh "$OUT"
cat "$OUT/master.m3u8"
