package dev.stateforge.podrunner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs host commands (ip, ...) with a time limit; a failure is an exception with the command's output. */
public final class Shell {
  private Shell() {}

  public record Result(int exitCode, String output) {}

  public static Result run(List<String> command, int timeoutSeconds) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        return new Result(-1, "timed out after " + timeoutSeconds + " s");
      }
      return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  public static String check(String... command) {
    Result result = run(List.of(command), 30);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed (" + result.exitCode() + "): " + result.output());
    }
    return result.output();
  }

  /** One word for sh, single-quoted. */
  public static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  public static String quote(List<String> words) {
    List<String> quoted = new ArrayList<>();
    words.forEach(w -> quoted.add(quote(w)));
    return String.join(" ", quoted);
  }
}
