package dev.twinbgp.speaker.healthcheck;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service addresses on the loopback interface, through {@code ip} (iproute2), as ExaBGP's healthcheck does:
 * found there when {@code --ip} is not given (every address on {@code lo} outside 127.0.0.0/8 and ::1, with the
 * {@code --label} if one is given), added when missing ({@code --no-ip-setup} turns that off), and with
 * {@code --dynamic-ip-setup} removed while the service is DOWN or DISABLED and put back when it is UP.
 */
public final class Loopback {
    private static final Logger LOG = LoggerFactory.getLogger(Loopback.class);
    /** {@code 1: lo    inet 192.0.2.1/32 scope global lo:web ...}. */
    private static final Pattern ADDRESS = Pattern.compile("^\\d+:\\s+(\\S+)\\s+inet6?\\s+([0-9a-fA-F.:]+)/(\\d+)\\s+(.*)$");

    private final List<String> ips;
    private final String label;
    private final boolean sudo;

    public Loopback(List<String> ips, String label, boolean sudo) {
        this.ips = List.copyOf(ips);
        this.label = label;
        this.sudo = sudo;
    }

    /** The addresses on lo (CIDR), without loopback ones; with a label, only those whose label starts with it. */
    public static List<String> find(String label) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : run(List.of("ip", "-o", "address", "show", "dev", "lo")).split("\n")) {
            Matcher m = ADDRESS.matcher(line.strip());
            if (!m.matches()) continue;
            InetAddress address = InetAddress.getByName(m.group(2));
            if (address.isLoopbackAddress()) continue;
            if (label != null) {
                Matcher l = Pattern.compile("\\slo:(\\S+)").matcher(" " + m.group(4));
                if (!l.find() || !l.group(1).startsWith(label)) continue;
            }
            out.add(m.group(2) + "/" + m.group(3));
        }
        return out;
    }

    /** Adds what is not on lo yet. */
    public void setup() throws IOException {
        List<String> present = find(null);
        for (String ip : ips) {
            if (present.contains(ip)) continue;
            LOG.debug("adding {} to lo", ip);
            List<String> cmd = new ArrayList<>(List.of("ip", "address", "add", ip, "dev", "lo"));
            if (label != null) cmd.addAll(List.of("label", "lo:" + label));
            run(command(cmd));
        }
    }

    void restore() {
        try {
            LOG.info("service up, restoring the loopback addresses");
            setup();
        } catch (IOException e) {
            LOG.warn("cannot restore the loopback addresses: {}", e.getMessage());
        }
    }

    /** Removes ours (with our label) from lo. */
    void remove() {
        try {
            LOG.info("service down, removing the loopback addresses");
            List<String> present = find(label);
            for (String ip : ips) {
                if (!present.contains(ip)) continue;
                List<String> cmd = new ArrayList<>(List.of("ip", "address", "delete", ip, "dev", "lo"));
                if (label != null) cmd.addAll(List.of("label", "lo:" + label));
                run(command(cmd));
            }
        } catch (IOException e) {
            LOG.warn("cannot remove the loopback addresses: {}", e.getMessage());
        }
    }

    private List<String> command(List<String> cmd) {
        if (!sudo) return cmd;
        List<String> with = new ArrayList<>(List.of("sudo"));
        with.addAll(cmd);
        return with;
    }

    private static String run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String text = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + text.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return text;
    }
}
