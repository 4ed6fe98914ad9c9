package dev.llmgateway.server.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The auth package's place among the others, checked on the compiled production classes. */
@AnalyzeClasses(packages = "dev.llmgateway.server", importOptions = ImportOption.DoNotIncludeTests.class)
class AuthArchitectureTest {

  @ArchTest
  static final ArchRule authNeverSeesGrpcOrTheEdge = noClasses()
      .that().resideInAPackage("..server.auth..")
      .should().dependOnClassesThat().resideInAnyPackage("io.grpc..", "..server.edge..", "..server.api..")
      .because("key checks speak ErrorKind; the edge interceptor reads headers and turns outcomes into statuses");
}
