package dev.telemetry.simulator.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Opens record files for reading and writing. A file name of {@code -} means standard input or
 * output; gzip is detected from the content on input and chosen by suffix or flag on output.
 */
public final class RecordFiles {

    /** The file name that stands for standard input or output. */
    public static final String STANDARD_STREAM = "-";

    private static final int BUFFER_BYTES = 1 << 16;

    private RecordFiles() {}

    /** True if the path names standard input or output. */
    public static boolean isStandardStream(Path path) {
        return STANDARD_STREAM.equals(path.toString());
    }

    /** True if output to this path should be gzip-compressed by its name alone. */
    public static boolean hasGzipSuffix(Path path) {
        return path.getFileName() != null && path.getFileName().toString().endsWith(".gz");
    }

    /** Opens a file (or standard input) for reading, decompressing it if it starts like gzip. */
    public static InputStream openInput(Path path) throws IOException {
        // File streams, not NIO channels: an interrupt (Ctrl-C) must not close them mid-write.
        InputStream raw = isStandardStream(path) ? System.in : fileInput(path);
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER_BYTES);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        boolean gzip = first == 0x1f && second == 0x8b;
        return gzip ? new BufferedInputStream(new GZIPInputStream(in, BUFFER_BYTES)) : in;
    }

    /**
     * Opens a file (or standard output) for writing, replacing an existing file. Gzip output is
     * byte-for-byte reproducible: Java writes a zero modification time into the header.
     */
    public static OutputStream openOutput(Path path, boolean gzip) throws IOException {
        OutputStream raw;
        if (isStandardStream(path)) {
            raw = new NonClosingOutputStream(System.out);
        } else {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            raw = fileOutput(path);
        }
        OutputStream out = gzip ? new GZIPOutputStream(raw, BUFFER_BYTES) : raw;
        return new BufferedOutputStream(out, BUFFER_BYTES);
    }

    private static InputStream fileInput(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        try {
            return new FileInputStream(path.toFile());
        } catch (FileNotFoundException e) {
            throw new IOException("cannot read " + e.getMessage(), e);
        }
    }

    private static OutputStream fileOutput(Path path) throws IOException {
        try {
            return new FileOutputStream(path.toFile());
        } catch (FileNotFoundException e) {
            throw new IOException("cannot write " + e.getMessage(), e);
        }
    }

    /** Flushes instead of closing, so that closing a writer on stdout leaves stdout usable. */
    private static final class NonClosingOutputStream extends FilterOutputStream {
        NonClosingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
