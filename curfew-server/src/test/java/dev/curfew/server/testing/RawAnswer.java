package dev.curfew.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP/1.1 answer read off a socket, for tests that write the request's bytes themselves: requests no HTTP client
 * would send, or several requests on one connection chosen by the test.
 */
public record RawAnswer(int status, HttpHeaders headers, String body) {
    /** One answer off a connection: its head, then Content-Length bytes of body (none without a Content-Length). */
    public static RawAnswer read(InputStream in) throws IOException {
        ByteArrayOutputStream answerHead = new ByteArrayOutputStream();
        while (!answerHead.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed before the answer's head ended: " + answerHead);
            }
            answerHead.write(b);
        }
        String[] lines =
                answerHead.toString(StandardCharsets.ISO_8859_1).strip().split("\r\n");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip(), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        int length = Integer.parseInt(
                headers.getOrDefault("Content-Length", List.of("0")).get(0));
        String text = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        return new RawAnswer(status, HttpHeaders.of(headers, (k, v) -> true), text);
    }
}
