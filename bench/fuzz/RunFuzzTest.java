import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one @FuzzTest method (args: "Class#method") through the JUnit Platform, as Maven's surefire would, without
 * a Maven start per target: bench/fuzz/fuzz.sh starts it with JAZZER_FUZZ=1 on the test class path. Exit 1 when the
 * run ended in a finding.
 */
public class RunFuzzTest {
  public static void main(String[] args) throws ClassNotFoundException {
    String[] target = args[0].split("#");
    Class<?> testClass = Class.forName(target[0]);
    Method method = Arrays.stream(testClass.getDeclaredMethods()).filter(m -> m.getName().equals(target[1]))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("no method " + args[0]));
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectMethod(testClass, method)).build(),
        listener);
    TestExecutionSummary summary = listener.getSummary();
    summary.getFailures().forEach(f -> System.err.println("FINDING in " + args[0] + ": " + f.getException()));
    System.exit(summary.getTotalFailureCount() == 0 && summary.getTestsFoundCount() > 0 ? 0 : 1);
  }
}
