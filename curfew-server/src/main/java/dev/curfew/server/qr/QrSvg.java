package dev.curfew.server.qr;

/** A QR code as an SVG image: one path of unit squares, in a view box with the 4-module quiet zone (§6.3.8). */
public final class QrSvg {
    private static final int QUIET_ZONE = 4;

    private QrSvg() {}

    /**
     * @param pixels the rendered width and height
     * @param label the image's accessible name (escaped here)
     */
    public static String render(QrCode code, int pixels, String label) {
        int side = code.size() + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder();
        for (int r = 0; r < code.size(); r++) {
            for (int c = 0; c < code.size(); c++) {
                if (code.dark(r, c)) {
                    path.append('M')
                            .append(c + QUIET_ZONE)
                            .append(',')
                            .append(r + QUIET_ZONE)
                            .append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"" + escape(label)
                + "\" width=\"" + pixels + "\" height=\"" + pixels + "\" viewBox=\"0 0 " + side + " " + side
                + "\" shape-rendering=\"crispEdges\"><rect width=\"" + side + "\" height=\"" + side
                + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
