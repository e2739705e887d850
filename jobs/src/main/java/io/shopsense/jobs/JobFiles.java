package io.shopsense.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * The files a job reads and writes, named as the user named them: a local path through {@code java.nio} (so no
 * Hadoop checksum files appear beside the outputs the command line also writes), a URI ({@code s3a://} locally,
 * {@code s3://} on EMR) through Hadoop's file systems with the session's settings. Serializable: tasks open what the
 * driver named, with the driver's settings.
 */
final class JobFiles implements Serializable {
    private static final long serialVersionUID = 1L;

    private transient Configuration conf;

    private JobFiles(Configuration conf) {
        this.conf = conf;
    }

    static JobFiles of(SparkSession spark) {
        return new JobFiles(spark.sparkContext().hadoopConfiguration());
    }

    static boolean isUri(String location) {
        return location.contains("://");
    }

    /** {@code key} under {@code root} (a directory or a bucket's root). */
    static String child(String root, String key) {
        return (root.endsWith("/") ? root : root + "/") + key;
    }

    FileStatus status(String uri) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
        return path.getFileSystem(conf).getFileStatus(path);
    }

    long length(String location) throws IOException {
        return isUri(location) ? status(location).getLen() : Files.size(Path.of(location));
    }

    /** The whole file. */
    InputStream open(String location) throws IOException {
        return open(location, 0, Long.MAX_VALUE);
    }

    /** Bytes {@code [from, to)} of the file (to its end when {@code to} is past it). */
    InputStream open(String location, long from, long to) throws IOException {
        InputStream in;
        if (isUri(location)) {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
            FSDataInputStream data = path.getFileSystem(conf).open(path);
            data.seek(from);
            in = data;
        } else {
            FileChannel channel = FileChannel.open(Path.of(location), StandardOpenOption.READ);
            channel.position(from);
            in = Channels.newInputStream(channel);
        }
        return to == Long.MAX_VALUE ? in : new RangeStream(in, to - from);
    }

    /** Writes {@code key} under {@code root} from the blobs in order (a whole object appears at once on S3). */
    void write(String root, String key, List<byte[]> blobs) {
        String location = child(root, key);
        try (OutputStream out = create(location)) {
            for (byte[] blob : blobs) {
                out.write(blob);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + location, e);
        }
    }

    void write(String root, String key, byte[] bytes) {
        write(root, key, List.of(bytes));
    }

    /** Writes the file at {@code location} (a path or URI). */
    void write(String location, byte[] bytes) {
        try (OutputStream out = create(location)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + location, e);
        }
    }

    byte[] read(String root, String key) throws IOException {
        try (InputStream in = open(child(root, key))) {
            return in.readAllBytes();
        }
    }

    boolean exists(String root, String key) throws IOException {
        String location = child(root, key);
        if (!isUri(location)) {
            return Files.exists(Path.of(location));
        }
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
        return path.getFileSystem(conf).exists(path);
    }

    private OutputStream create(String location) throws IOException {
        if (isUri(location)) {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
            return path.getFileSystem(conf).create(path, true);
        }
        Path path = Path.of(location);
        Files.createDirectories(path.toAbsolutePath().getParent());
        return Files.newOutputStream(path);
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        conf.write(out);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        conf = new Configuration(false);
        conf.readFields(in);
    }

    /** The first {@code limit} bytes of a stream. */
    private static final class RangeStream extends InputStream {
        private final InputStream in;
        private long left;

        RangeStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
