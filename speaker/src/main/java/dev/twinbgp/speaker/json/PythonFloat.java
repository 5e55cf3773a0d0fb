package dev.twinbgp.speaker.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A double as Python's {@code repr(float)} writes it, which is how ExaBGP prints every float of its JSON (it
 * formats its JSON by hand with {@code %s}; e.g. the BGP-LS bandwidths, IEEE floats of RFC 5305 section 3.4):
 * the shortest digits that read back as the same double (as {@link Double#toString} finds them since JDK 19),
 * laid out fixed - {@code 125000000.0}, {@code 0.0001} - when the decimal point falls within 16 digits left of
 * them or 4 right ({@code 1e-4 <= |x| < 1e16}), else in exponent form - {@code 1e+16}, {@code 1.5e-05}.
 * <pre>
 *   digits d1 d2 ... dn, decimal point at decpt (x = 0.d1d2...dn * 10^decpt):
 *   -4 < decpt <= 16  fixed:    "d1..d(decpt)" "." rest (".0" if none), or "0." zeros digits
 *   otherwise         exponent: "d1" ["." d2..dn] "e" sign two-or-more-digit (decpt - 1)
 * </pre>
 * Not finite: {@code nan}, {@code inf}, {@code -inf} are what Python prints, and no JSON; {@link #isJson} says so.
 */
final class PythonFloat {
    private PythonFloat() {
    }

    /** False for NaN and the infinities, which JSON cannot hold as numbers. */
    static boolean isJson(double v) {
        return Double.isFinite(v);
    }

    /**
     * {@code '%0.f' % v}: no decimals, rounded half to even from the double's exact value, never an exponent
     * ({@code 340282346638528859811704183484516925440} for the largest IEEE float); a negative value that rounds
     * to zero keeps its sign ({@code -0}).
     */
    static String fixed0(double v) {
        if (!Double.isFinite(v)) {
            return repr(v);
        }
        String digits = new BigDecimal(v).setScale(0, RoundingMode.HALF_EVEN).toPlainString();
        return (Double.doubleToRawLongBits(v) < 0 && digits.equals("0")) ? "-0" : digits;
    }

    static String repr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (Double.doubleToRawLongBits(v) < 0) ? "-0.0" : "0.0";
        }
        String shortest = Double.toString(Math.abs(v)); // "123.45" or "1.2345E-5": the shortest digits either way
        int e = shortest.indexOf('E');
        String mantissa = e < 0 ? shortest : shortest.substring(0, e);
        int exponent = e < 0 ? 0 : Integer.parseInt(shortest.substring(e + 1));
        int dot = mantissa.indexOf('.');
        StringBuilder digits = new StringBuilder(mantissa.length()).append(mantissa, 0, dot).append(mantissa, dot + 1,
                mantissa.length());
        int decpt = dot + exponent;
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        digits.delete(0, lead);
        decpt -= lead;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits.setLength(end);
        if (digits.length() == 2) {
            // Double.toString never gives one digit alone: when one would do, it gives the closest two (4.9E-324
            // for the smallest double); Python gives the one digit (5e-324).
            BigDecimal two = new BigDecimal(new BigInteger(digits.toString()), 2 - decpt);
            BigDecimal exact = new BigDecimal(Math.abs(v));
            BigDecimal best = null;
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR,
                    RoundingMode.CEILING}) {
                BigDecimal one = two.round(new MathContext(1, mode));
                if (one.signum() > 0 && one.doubleValue() == Math.abs(v)
                        && (best == null || one.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                    best = one;
                }
            }
            if (best != null) {
                digits.setLength(0);
                digits.append(best.unscaledValue().toString().charAt(0));
                decpt = best.precision() - best.scale();
            }
        }
        StringBuilder out = new StringBuilder(24);
        if (v < 0) {
            out.append('-');
        }
        int n = digits.length();
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) {
                out.append("0.");
                out.repeat('0', -decpt);
                out.append(digits);
            } else if (decpt >= n) {
                out.append(digits);
                out.repeat('0', decpt - n);
                out.append(".0");
            } else {
                out.append(digits, 0, decpt).append('.').append(digits, decpt, n);
            }
        } else {
            out.append(digits.charAt(0));
            if (n > 1) {
                out.append('.').append(digits, 1, n);
            }
            int x = decpt - 1;
            out.append('e').append(x < 0 ? '-' : '+');
            if (Math.abs(x) < 10) {
                out.append('0');
            }
            out.append(Math.abs(x));
        }
        return out.toString();
    }
}
