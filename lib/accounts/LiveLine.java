package lib.accounts;

import java.io.IOException;
import java.io.Writer;

/**
 * A terminal's output with one live line at the bottom (the progress line). Whatever else is
 * printed goes above it: the live line is wiped, the text written, and the live line drawn again
 * once the text has ended its line. Everything is written under this writer's lock, so the
 * progress thread and the run's own lines never interleave inside a line.
 */
public final class LiveLine extends Writer {
    private final Writer out;
    private String live = "";
    private boolean shown;
    private boolean atLineStart = true;
    private boolean ended;

    public LiveLine(Writer out) {
        this.out = out;
    }

    /** Shows {@code line} as the live line, in place of the previous one. */
    public synchronized void show(String line) {
        if (ended) return;
        try {
            wipe();
            live = line;
            draw();
            out.flush();
        } catch (IOException ignored) {
            // A closed terminal: nothing to show progress on.
        }
    }

    /** Removes the live line; text printed afterwards starts where it was. */
    public synchronized void clear() {
        try {
            wipe();
            live = "";
            out.flush();
        } catch (IOException ignored) {
            // as in show()
        }
    }

    /** The run is being stopped (Ctrl-C): what the live line shows stays, and nothing more is drawn. */
    public synchronized void end() {
        ended = true;
        try {
            out.flush();
        } catch (IOException ignored) {
            // as in show()
        }
    }

    @Override
    public synchronized void write(char[] text, int off, int len) throws IOException {
        if (len == 0) return;
        wipe();
        out.write(text, off, len);
        atLineStart = text[off + len - 1] == '\n';
        if (atLineStart && !ended) draw();
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        clear();
        out.flush();
    }

    private void wipe() throws IOException {
        if (!shown) return;
        out.write("\r" + " ".repeat(live.length()) + "\r");
        shown = false;
    }

    private void draw() throws IOException {
        if (live.isEmpty() || !atLineStart || ended) return;
        out.write(live);
        shown = true;
    }
}
