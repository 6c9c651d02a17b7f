# What the printed records' tests need besides Python: a font with Chinese for the PDFs and
# poppler's pdftotext to read them back. Sourced by .ci/run; installs Debian's packages when missing.

ensure_print_tools() {
    local missing=()
    command -v pdftotext >/dev/null || missing+=(poppler-utils)
    [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || [ -n "${DESKAPP_FONT:-}" ] || missing+=(fonts-wqy-microhei)
    if [ ${#missing[@]} -gt 0 ]; then
        echo "installing Debian's ${missing[*]} for the printed records' tests ..."
        # Not fatal: without them the print tests say they are skipped, and everything else still runs.
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; } \
            || echo "could not install ${missing[*]}: the printed records' tests will be skipped"
    fi
}
