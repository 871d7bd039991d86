package dev.redisfromscratch.strings;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.blackbox.Request;
import dev.redisfromscratch.testkit.blackbox.WireAssert;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code INCRBYFLOAT} on a thousand numbers drawn (with a fixed seed) from every shape Redis
 * reads and every magnitude a {@code long double} holds, sent to lab 5 and to a real
 * redis-server: the replies, sums and errors alike, are the same bytes. Values are re-read from
 * their stored text at each step, as in Redis, so rounding errors would accumulate and show.
 */
class IncrbyfloatParityTest {
    private static final int KEYS = 16;
    private static final int STEPS = 1000;

    private static String number(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> String.format(Locale.ROOT, "%." + random.nextInt(26) + "f", (random.nextDouble() - 0.5) * 2e6);
            case 1 -> (random.nextLong() % 1_000_000_000_000L) + "e" + (random.nextInt(81) - 40);
            case 2 -> Double.toString((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(61) - 30));
            case 3 -> "0x" + new BigInteger(1 + random.nextInt(80), random).toString(16) + "p" + (random.nextInt(201) - 100);
            case 4 -> new BigInteger(1 + random.nextInt(70), random).subtract(BigInteger.ONE.shiftLeft(random.nextInt(70))).toString();
            case 5 -> (random.nextInt(19) - 9) + "." + new BigInteger(1 + random.nextInt(100), random) + "e"
                    + (random.nextInt(4982) - 4951); // down to the subnormals; huge values come from case 7
            case 6 -> (random.nextBoolean() ? "-" : "") + "0." + "0".repeat(random.nextInt(20)) + (1 + random.nextInt(999));
            case 7 -> new String[] {"1e4932", "-1e4932", "1.1e4932", "1e-4950", "5e-4951", "3e-4951", "0.1", "-0.1",
                    "1e-17", "5e-18", "4.9999999999999e-18", "0.000000000000000015", "1.00000000000000005", "-0",
                    "inf", "nan", "1e", " 1", "0x1.fffffffffffffffep16383"}[random.nextInt(19)];
            case 8 -> random.nextInt(2000) - 1000 + "";
            default -> String.format(Locale.ROOT, "%.17g", random.nextGaussian());
        };
    }

    @Test
    void sumsAndErrorsAreRedis() throws Exception {
        Random random = new Random(20260101);
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < STEPS; i++) {
            String key = "f:" + random.nextInt(KEYS);
            if (random.nextInt(5) == 0) {
                script.append(resp("SET", key, number(random)));
            }
            script.append(resp("INCRBYFLOAT", key, number(random)));
        }
        script.append(resp("QUIT"));
        String request = script.toString();
        try (RealRedis redis = RealRedis.start(); IntegratedServerFixture ours = IntegratedServerFixture.start()) {
            WireAssert.sameReplies(request, RawClient.exchangeUntilClosed(redis.port(), request),
                    RawClient.exchangeUntilClosed(ours.port, request));
        }
    }

    private static String resp(String... args) {
        return new String(Request.resp(args).bytes(), StandardCharsets.ISO_8859_1);
    }
}
