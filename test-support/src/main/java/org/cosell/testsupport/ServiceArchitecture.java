package org.cosell.testsupport;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;

/**
 * The shape every service keeps, checked on its compiled main classes (the directory or jar its
 * application class was loaded from, so tests and libraries are not part of it).
 *
 * <ul>
 *   <li>The domain (the rules of a referral, an opportunity, a timer, a mail) knows nothing of
 *       HTTP or Kafka: it can be read, and changed, without knowing how a move arrives.
 *   <li>A service uses its own code and the shared libraries ({@code org.cosell.support},
 *       {@code org.cosell.contracts}, {@code org.cosell.tokens}), never another service's: services
 *       meet only on topics.
 *   <li>Web controllers and Kafka listeners are entry points: nothing else calls into them.
 *   <li>The service's top-level packages do not depend on each other in a cycle.
 * </ul>
 */
public final class ServiceArchitecture {

    private static final String[] TRANSPORT_PACKAGES = {
        "org.springframework.web..",
        "org.springframework.http..",
        "jakarta.servlet..",
        "org.springframework.kafka..",
        "org.apache.kafka..",
        "org.cosell.support.web..",
        "org.cosell.support.kafka.."
    };

    private static final String[] SHARED_LIBRARIES = {
        "org.cosell.support..", "org.cosell.contracts..", "org.cosell.tokens.."
    };

    private static final DescribedPredicate<JavaClass> ENTRY_POINT = DescribedPredicate.describe(
            "a controller or a Kafka listener",
            type -> !type.isAnnotation()
                    && (type.isAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                            || type.isAnnotatedWith("org.springframework.stereotype.Controller")
                            || type.getMethods().stream()
                                    .anyMatch(method -> method.isAnnotatedWith("org.springframework.kafka.annotation.KafkaListener"))));

    private static final DescribedPredicate<JavaClass> PART_OF_AN_ENTRY_POINT = DescribedPredicate.describe(
            "part of a controller or a Kafka listener",
            type -> ENTRY_POINT.test(type) || type.getEnclosingClass().map(ENTRY_POINT::test).orElse(false));

    private final String basePackage;
    private final JavaClasses classes;
    private final DescribedPredicate<JavaClass> domain;

    private ServiceArchitecture(Class<?> anyMainClass, String basePackage, DescribedPredicate<JavaClass> domain) {
        this.basePackage = basePackage;
        URI mainClasses;
        try {
            mainClasses = anyMainClass.getProtectionDomain().getCodeSource().getLocation().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        this.domain = domain;
        // The rules name other classes by package only; loading every library class they touch would cost seconds.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        this.classes = new ClassFileImporter().importLocations(List.of(Location.of(mainClasses)));
    }

    /** A service whose domain lives in packages named {@code domain} anywhere under its base package. */
    public static ServiceArchitecture of(Class<?> application) {
        String base = application.getPackageName();
        return new ServiceArchitecture(application, base, resideInAPackage(base + "..domain.."));
    }

    /** A service whose domain is the given packages (relative to the base package) and classes. */
    public static ServiceArchitecture of(Class<?> application, String[] domainPackages, Class<?>... domainClasses) {
        String base = application.getPackageName();
        String[] packages = Arrays.stream(domainPackages).map(name -> base + "." + name + "..").toArray(String[]::new);
        DescribedPredicate<JavaClass> domain = resideInAnyPackage(packages).or(belongToAnyOf(domainClasses));
        return new ServiceArchitecture(application, base, domain);
    }

    /** The shared service library: its domain package is the one services' domains may use. */
    public static ServiceArchitecture ofLibrary(Class<?> anyMainClass, String basePackage, String domainPackage) {
        return new ServiceArchitecture(anyMainClass, basePackage, resideInAPackage(basePackage + "." + domainPackage + ".."));
    }

    public void domainKnowsNoTransport() {
        noClasses().that(domain)
                .should().dependOnClassesThat().resideInAnyPackage(TRANSPORT_PACKAGES)
                .because("the domain's rules do not depend on how a move arrives")
                .check(classes);
    }

    public void usesNoOtherService() {
        noClasses().that().resideInAPackage(basePackage + "..")
                .should().dependOnClassesThat(resideInAPackage("org.cosell..")
                        .and(not(resideInAPackage(basePackage + "..")))
                        .and(not(resideInAnyPackage(SHARED_LIBRARIES))))
                .because("services meet only on Kafka topics")
                .check(classes);
    }

    public void entryPointsAreNotCalled() {
        noClasses().that(not(PART_OF_AN_ENTRY_POINT))
                .should().dependOnClassesThat(ENTRY_POINT)
                .because("controllers and listeners receive moves from outside; the rest of the service does not call them")
                .check(classes);
    }

    public void packagesHaveNoCycles() {
        slices().matching(basePackage + ".(*)..")
                .should().beFreeOfCycles()
                .check(classes);
    }

    /** Every rule above. */
    public void check() {
        domainKnowsNoTransport();
        usesNoOtherService();
        entryPointsAreNotCalled();
        packagesHaveNoCycles();
    }
}
