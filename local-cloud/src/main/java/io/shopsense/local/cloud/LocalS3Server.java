package io.shopsense.local.cloud;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * S3Proxy in this JVM on a free loopback port, storing objects under a directory (kept across restarts) or in
 * memory, and reporting every created object to a listener.
 */
public final class LocalS3Server implements AutoCloseable {
    private final S3Proxy proxy;
    private final URI endpoint;

    private LocalS3Server(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    /**
     * @param directory where objects live, or null to keep them in memory only
     */
    public static LocalS3Server start(Path directory, String accessKey, String secretKey,
                                      ObjectCreatedListener listener) throws Exception {
        BlobStore store;
        if (directory == null) {
            store = BlobStores.create("transient", new Properties());
        } else {
            Files.createDirectories(directory);
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", directory.toAbsolutePath().toString());
            store = BlobStores.create("filesystem", properties);
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new NotifyingBlobStore(store, listener))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        return new LocalS3Server(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
