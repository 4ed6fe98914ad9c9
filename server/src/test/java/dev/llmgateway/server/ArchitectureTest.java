package dev.llmgateway.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package dependency rules, checked on the compiled production classes. */
@AnalyzeClasses(packages = "dev.llmgateway.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule providersNeverSeeGrpc = noClasses()
      .that().resideInAnyPackage("..server.providers..", "..server.routing..", "..server.resilience..",
          "..server.config..")
      .should().dependOnClassesThat().resideInAnyPackage("io.grpc..")
      .because("adapters, routing and configuration speak ErrorKind; only api, edge and errors know gRPC");

  @ArchTest
  static final ArchRule adaptersNeverSeeEachOther = slices()
      .matching("dev.llmgateway.server.providers.(*)..")
      .should().notDependOnEachOther()
      .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
          com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("dev.llmgateway.server.providers.http"))
      .because("adding a provider touches its own package and one binding, nothing else");

  @ArchTest
  static final ArchRule lowerLayersNeverSeeTheApi = noClasses()
      .that().resideInAnyPackage("..server.providers..", "..server.routing..", "..server.edge..",
          "..server.errors..", "..server.config..")
      .should().dependOnClassesThat().resideInAnyPackage("..server.api..")
      .because("dependencies point from the API down: api -> routing -> providers");

  @ArchTest
  static final ArchRule resilienceSitsBelowRouting = noClasses()
      .that().resideInAnyPackage("..server.resilience..", "..server.providers..")
      .should().dependOnClassesThat().resideInAnyPackage("..server.routing..", "..server.api..")
      .because("routing -> resilience -> providers: guards know deployments, not models or fallbacks");

  @ArchTest
  static final ArchRule onlyTheApiUsesTheResponseCache = noClasses()
      .that().resideInAnyPackage("..server.providers..", "..server.routing..", "..server.edge..",
          "..server.store..", "..server.accounting..", "..server.config..")
      .should().dependOnClassesThat().resideInAnyPackage("..server.cache..")
      .because("the cache wraps the dispatch from the API; the layers it wraps never know it is there");

  @ArchTest
  static final ArchRule storesNeverSeeGrpc = noClasses()
      .that().resideInAnyPackage("..server.store..")
      .should().dependOnClassesThat().resideInAnyPackage("io.grpc..", "..server.api..", "..server.edge..")
      .because("stores speak plain Java types and their own exceptions; the edge maps them to gRPC");

  @ArchTest
  static final ArchRule onlyTheRedisStoresSeeJedis = noClasses()
      .that().resideInAnyPackage("..server.store..")
      .and().resideOutsideOfPackage("..server.store.redis..")
      .should().dependOnClassesThat().resideInAnyPackage("redis.clients..")
      .because("the store interfaces and the in-process stores must work without a Redis client");

  @ArchTest
  static final ArchRule onlyStartUpTouchesTheInjector = noClasses()
      .that().doNotHaveFullyQualifiedName(Main.class.getName())
      .should().dependOnClassesThat().haveFullyQualifiedName("com.google.inject.Injector")
      .because("business code gets its collaborators by constructor injection, never by lookup");
}
