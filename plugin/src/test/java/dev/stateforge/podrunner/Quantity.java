package dev.stateforge.podrunner;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A Kubernetes resource quantity ({@code 500m}, {@code 1Gi}, {@code 2}), for resourceFieldRef. */
public final class Quantity {
  private Quantity() {}

  public static BigDecimal parse(String text) {
    String[][] suffixes = {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"},
        {"m", "0.001"}, {"k", "1000"}, {"M", "1000000"}, {"G", "1000000000"}, {"T", "1000000000000"}};
    for (String[] suffix : suffixes) {
      if (text.endsWith(suffix[0])) {
        return new BigDecimal(text.substring(0, text.length() - suffix[0].length())).multiply(new BigDecimal(suffix[1]));
      }
    }
    return new BigDecimal(text);
  }

  /** The kubelet's value of a resourceFieldRef: the quantity in divisor units, rounded up. */
  public static String inUnits(String quantity, String divisor) {
    return parse(quantity).divide(parse(divisor), 0, RoundingMode.CEILING).toPlainString();
  }
}
