package dev.stateforge;

import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Severity;
import dev.stateforge.emit.FileSystemOutputTree.WriteResult;
import dev.stateforge.emit.RenderedTree;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a compile: every diagnostic, sorted, and when nothing was wrong the rendered tree
 * and what writing it did.
 *
 * @param apps the names of the apps compiled, sorted
 * @param tree null when there were errors
 * @param write null unless the tree was written
 */
public record CompileReport(
    List<Diagnostic> diagnostics, List<String> apps, int specFiles, RenderedTree tree, WriteResult write) {

  public CompileReport {
    diagnostics = List.copyOf(diagnostics);
    apps = List.copyOf(apps);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  /** Whether the build must fail: any error, or any warning when warnings count as failures. */
  public boolean fails(boolean failOnWarning) {
    return hasErrors() || (failOnWarning && count(Severity.WARNING) > 0);
  }

  public long count(Severity severity) {
    return diagnostics.stream().filter(d -> d.severity() == severity).count();
  }

  public Optional<RenderedTree> renderedTree() {
    return Optional.ofNullable(tree);
  }

  public Optional<WriteResult> writeResult() {
    return Optional.ofNullable(write);
  }

  /** With the diagnostics replaced (the same findings, reworded), keeping the tree. */
  CompileReport withDiagnosticsReplaced(List<Diagnostic> replaced) {
    return new CompileReport(replaced, apps, specFiles, tree, write);
  }

  CompileReport withWrite(WriteResult result) {
    return new CompileReport(diagnostics, apps, specFiles, tree, result);
  }

  /** With {@code extra} added, keeping the tree: notes on what the build did besides compiling. */
  CompileReport withDiagnostics(List<Diagnostic> extra) {
    List<Diagnostic> all = new java.util.ArrayList<>(diagnostics);
    all.addAll(extra);
    return new CompileReport(all.stream().sorted().toList(), apps, specFiles, tree, write);
  }

  CompileReport withDiagnostic(Diagnostic extra) {
    List<Diagnostic> all = new java.util.ArrayList<>(diagnostics);
    all.add(extra);
    return new CompileReport(all.stream().sorted().toList(), apps, specFiles, null, null);
  }
}
