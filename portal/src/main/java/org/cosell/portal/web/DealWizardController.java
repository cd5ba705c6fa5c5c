package org.cosell.portal.web;

import java.math.BigDecimal;
import java.text.Collator;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.cosell.portal.api.ApiException;
import org.cosell.portal.api.ApiProblem;
import org.cosell.portal.api.ApiUnavailableException;
import org.cosell.portal.api.CatalogSolution;
import org.cosell.portal.api.CosellApi;
import org.cosell.portal.api.CustomerSuggestion;
import org.cosell.portal.api.Opportunity;
import org.cosell.portal.security.PortalUser;
import org.cosell.portal.web.DealDraft.Person;
import org.cosell.portal.web.DealWizard.SuggestedCustomer;

import org.springframework.beans.InvalidPropertyException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.SmartValidator;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The new-deal wizard (Partner Center's order): customer, deal details, employees, solutions,
 * selling type. {@code GET /deals/new} starts a wizard ({@link DealWizard}, in the session) and
 * each step is {@code /deals/new/{wizard}/{step}}: a plain form whose buttons say what to do
 * ({@code action}: next, back, look up customers, pick one, add or remove a row, search the
 * catalog, create). Every button first keeps what the form holds, so Back loses nothing; Next
 * checks the step before moving on; Create checks every step again, the first one with a
 * mistake coming back. htmx only adds suggestions while the customer's name is typed.
 *
 * <p>Create sends {@code POST /api/deals} with the wizard's {@code Idempotency-Key}, and with
 * {@code microsoftHelp} when co-selling, which asks for Microsoft's help in the same call. A 400
 * brings back the earliest step with one of the API's field errors, each next to its field.
 */
@Controller
@RequestMapping("/deals/new")
class DealWizardController {

    static final int SUGGESTIONS = 10;

    static final int RECENT_CONTACTS = 20;

    static final int MAX_ROWS = 50;

    static final List<String> SOLUTION_TYPES = List.of("PARTNER", "MICROSOFT", "THIRD_PARTY");

    /** The longest name and city the API's look-ups take. */
    static final int MAX_NAME = 200;

    static final int MAX_CITY = 100;

    /** Fewer letters than this suggest too much to be useful. */
    static final int SUGGEST_FROM = 2;

    /** The API's name for a whole object, to the field of the form that shows its error. */
    private static final Map<String, String> API_FIELDS = Map.of(
            "customer", "customer.name",
            "customer.address", "customer.address.country",
            "customer.contact", "customer.contact.name",
            "estimatedValue", "estimatedValue.amount",
            "microsoftHelp", "microsoftHelp.notes");

    private static final Pattern EMPLOYEE_ITEM = Pattern.compile("employees\\[\\d+]");

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final CosellApi api;

    private final SmartValidator validator;

    private final Clock clock;

    private final ApiFieldMessages apiMessages;

    DealWizardController(CosellApi api, SmartValidator validator, Clock clock, ApiFieldMessages apiMessages) {
        this.api = api;
        this.validator = validator;
        this.clock = clock;
        this.apiMessages = apiMessages;
    }

    /** Solutions come from the catalog (added by id), never from the form's fields. */
    @InitBinder("draft")
    void bindTypedFieldsOnly(WebDataBinder binder) {
        binder.setDisallowedFields("solutions*");
        binder.setAutoGrowCollectionLimit(MAX_ROWS);
    }

    /** A hand-made form naming a row far past any the wizard shows: refused, as the API would refuse the list. */
    @ExceptionHandler(InvalidPropertyException.class)
    ModelAndView unusableForm(HttpServletResponse response) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        ModelAndView page = new ModelAndView("error/problem");
        page.setStatus(HttpStatus.BAD_REQUEST);
        page.addObject("status", HttpStatus.BAD_REQUEST.value());
        return page;
    }

    /** The wizard's own draft, so what a step's form sends is added to what earlier steps kept. */
    @ModelAttribute("draft")
    DealDraft draft(@PathVariable(required = false) String wizardId, HttpSession session) {
        DealWizard wizard = DealWizard.find(session, wizardId);
        return wizard == null ? new DealDraft() : wizard.draft();
    }

    @GetMapping
    String start(HttpSession session) {
        return redirect(DealWizard.start(session), WizardStep.CUSTOMER);
    }

    @GetMapping("/{wizardId}/{step}")
    String show(@PathVariable String wizardId, @PathVariable String step, @RequestParam(required = false) String q,
                @RequestParam(required = false) String type, HttpSession session, Model model) {
        WizardStep shown = stepOf(step);
        DealWizard wizard = DealWizard.find(session, wizardId);
        if (wizard == null) {
            return "redirect:/deals/new";
        }
        if (shown == WizardStep.EMPLOYEES && wizard.draft().getEmployees().isEmpty()) {
            PortalUser user = PortalUser.current();
            wizard.draft().getEmployees().add(user == null ? new Person() : new Person(user.name(), "", user.email()));
            wizard.save(session);
        }
        BindingResult errors = errorsOf(wizard.draft());
        showApiErrors(wizard, shown, errors);
        return page(wizard, shown, errors, q, type, model);
    }

    /** htmx: the customers whose name starts with what is typed, in the chosen country (and city). */
    @GetMapping("/{wizardId}/customers")
    String suggest(@PathVariable String wizardId, @RequestParam(name = "customer.name", defaultValue = "") String name,
                   @RequestParam(name = "customer.address.country", defaultValue = "") String country,
                   @RequestParam(name = "customer.address.city", defaultValue = "") String city,
                   HttpSession session, Model model) {
        DealWizard wizard = DealWizard.find(session, wizardId);
        if (wizard == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        String q = name.strip();
        String countryCode = country.strip().toUpperCase(Locale.ROOT);
        boolean canLookUp = q.length() >= SUGGEST_FROM && COUNTRIES.contains(countryCode);
        if (canLookUp) {
            lookUp(wizard, q, countryCode, city.strip());
        }
        else {
            wizard.suggestions().clear();
        }
        wizard.save(session);
        model.addAttribute("wizard", wizard.id());
        model.addAttribute("suggestions", wizard.suggestions());
        model.addAttribute("looked", canLookUp);
        return "deal-wizard :: suggestions";
    }

    /** {@code draft} is the wizard's own (see {@link #draft}): declaring it binds the form onto it. */
    @PostMapping("/{wizardId}/{step}")
    String post(@PathVariable String wizardId, @PathVariable String step, @ModelAttribute("draft") DealDraft draft,
                BindingResult errors, @RequestParam(defaultValue = "next") String action,
                @RequestParam(required = false) String solutionQuery, @RequestParam(required = false) String solutionType,
                HttpSession session, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        WizardStep current = stepOf(step);
        DealWizard wizard = DealWizard.find(session, wizardId);
        if (wizard == null) {
            // the session that held it ended (signed in again): nothing of it is left to go on with
            return "redirect:/deals/new";
        }
        String verb = action.contains(":") ? action.substring(0, action.indexOf(':')) : action;
        String argument = action.contains(":") ? action.substring(action.indexOf(':') + 1) : "";
        try {
            return act(wizard, current, verb, argument, errors, solutionQuery, solutionType, model, response, redirect);
        }
        finally {
            wizard.save(session);
        }
    }

    private String act(DealWizard wizard, WizardStep current, String verb, String argument, BindingResult errors,
                       String solutionQuery, String solutionType, Model model, HttpServletResponse response,
                       RedirectAttributes redirect) {
        DealDraft draft = wizard.draft();
        return switch (verb) {
            case "back" -> redirect(wizard, current.previous().orElse(current));
            case "find" -> findCustomers(wizard, errors, model, response);
            case "pick" -> pickCustomer(wizard, argument);
            case "add-employee" -> {
                if (draft.getEmployees().size() < MAX_ROWS) {
                    draft.getEmployees().add(new Person());
                }
                yield redirect(wizard, WizardStep.EMPLOYEES);
            }
            case "remove-employee" -> {
                index(argument, draft.getEmployees().size()).ifPresent(i -> draft.getEmployees().remove((int) i));
                yield redirect(wizard, WizardStep.EMPLOYEES);
            }
            case "quick-add" -> quickAdd(wizard, argument);
            case "search" -> solutionsPage(wizard, solutionQuery, solutionType);
            case "add-solution" -> addSolution(wizard, argument, solutionQuery, solutionType);
            case "remove-solution" -> {
                index(argument, draft.getSolutions().size()).ifPresent(i -> draft.getSolutions().remove((int) i));
                yield solutionsPage(wizard, solutionQuery, solutionType);
            }
            case "create" -> create(wizard, errors, model, response, redirect);
            default -> next(wizard, current, errors, model, response);
        };
    }

    private String next(DealWizard wizard, WizardStep current, BindingResult errors, Model model,
                        HttpServletResponse response) {
        check(current, wizard.draft(), errors);
        if (errors.hasErrors()) {
            return invalid(wizard, current, errors, model, response);
        }
        wizard.apiErrors().keySet().removeIf(field -> WizardStep.owning(field) == current);
        if (current == WizardStep.CUSTOMER || current == WizardStep.DETAILS) {
            lookForDuplicates(wizard);
        }
        return redirect(wizard, current.next().orElse(current));
    }

    private String create(DealWizard wizard, BindingResult errors, Model model, HttpServletResponse response,
                          RedirectAttributes redirect) {
        for (WizardStep step : WizardStep.values()) {
            check(step, wizard.draft(), errors);
            if (errors.hasErrors()) {
                return invalid(wizard, step, errors, model, response);
            }
        }
        Opportunity created;
        try {
            created = api.createDeal(request(wizard.draft()), wizard.idempotencyKey());
        }
        catch (ApiException e) {
            if (e.status() != HttpStatus.BAD_REQUEST.value()) {
                throw e;
            }
            wizard.apiErrors().clear();
            for (ApiProblem.FieldError error : e.problem().errors()) {
                String message = String.valueOf(apiMessages.translate(error.message()));
                wizard.apiErrors().merge(draftField(error.field()), message, (first, second) -> first + " " + second);
            }
            if (wizard.apiErrors().isEmpty()) {
                wizard.apiErrors().put("", e.problem().detail() == null ? "" : e.problem().detail());
            }
            WizardStep first = wizard.apiErrors().keySet().stream().map(WizardStep::owning)
                    .min(Comparator.naturalOrder()).orElse(WizardStep.SELLING);
            BindingResult refused = errorsOf(wizard.draft());
            showApiErrors(wizard, first, refused);
            return invalid(wizard, first, refused, model, response);
        }
        wizard.apiErrors().clear();
        redirect.addFlashAttribute("flash", "wizard.created");
        redirect.addFlashAttribute("duplicates", DuplicateLink.of(created.possibleDuplicates()));
        return "redirect:/opportunities/" + created.id();
    }

    /**
     * The partner's open deals for the same customer (and, once it is known, with a similar name):
     * a warning shown on the next steps, never a reason to stop. An API that cannot say (an older one
     * answering 404, or none answering) warns of nothing.
     */
    private void lookForDuplicates(DealWizard wizard) {
        DealDraft draft = wizard.draft();
        DealDraft.Customer customer = draft.getCustomer();
        List<DuplicateLink> found;
        try {
            found = DuplicateLink.of(api.duplicates(atMost(customer.getName(), MAX_NAME), customer.getAddress().getCountry(),
                    OpportunityForms.blankToNull(customer.getDunsNumber()),
                    draft.getName().isBlank() ? null : atMost(draft.getName(), MAX_NAME)));
        }
        catch (ApiException e) {
            if (e.status() == HttpStatus.UNAUTHORIZED.value()) {
                throw e;
            }
            found = List.of();
        }
        catch (ApiUnavailableException e) {
            found = List.of();
        }
        wizard.duplicates().clear();
        wizard.duplicates().addAll(found);
    }

    /** A step's own checks: the API's rules for its fields, so mistakes show before anything is sent. */
    private void check(WizardStep step, DealDraft draft, BindingResult errors) {
        if (step == WizardStep.EMPLOYEES) {
            draft.getEmployees().removeIf(Person::isEmpty);
        }
        validator.validate(draft, errors, step.group());
        switch (step) {
            case CUSTOMER -> {
                String country = draft.getCustomer().getAddress().getCountry();
                if (!country.isEmpty() && !COUNTRIES.contains(country)) {
                    errors.rejectValue("customer.address.country", "wizard.country.required");
                }
            }
            case DETAILS -> {
                LocalDate closeDate = draft.getEstimatedCloseDate();
                if (closeDate != null && closeDate.isBefore(LocalDate.now(clock.withZone(ZoneOffset.UTC)))
                        && !errors.hasFieldErrors("estimatedCloseDate")) {
                    errors.rejectValue("estimatedCloseDate", "wizard.closeDate.past");
                }
            }
            case SELLING -> {
                if (draft.isCoSell()) {
                    if (!draft.getCustomer().isConsentToShareContact()) {
                        errors.rejectValue("customer.consentToShareContact", "field.consent");
                    }
                    for (String part : List.of("customer.contact.name", "customer.contact.phone", "customer.contact.email",
                            "microsoftHelp.notes")) {
                        if (String.valueOf(errors.getFieldValue(part)).isBlank() && !errors.hasFieldErrors(part)) {
                            errors.rejectValue(part, "wizard.coSell.required");
                        }
                    }
                }
            }
            default -> {
            }
        }
    }

    private String findCustomers(DealWizard wizard, BindingResult errors, Model model, HttpServletResponse response) {
        DealDraft.Customer customer = wizard.draft().getCustomer();
        if (customer.getName().isEmpty()) {
            errors.rejectValue("customer.name", "wizard.find.name");
        }
        if (!COUNTRIES.contains(customer.getAddress().getCountry())) {
            errors.rejectValue("customer.address.country", "wizard.country.required");
        }
        if (errors.hasErrors()) {
            return invalid(wizard, WizardStep.CUSTOMER, errors, model, response);
        }
        lookUp(wizard, customer.getName(), customer.getAddress().getCountry(), customer.getAddress().getCity());
        model.addAttribute("looked", true);
        return page(wizard, WizardStep.CUSTOMER, errors, null, null, model);
    }

    private void lookUp(DealWizard wizard, String q, String country, String city) {
        List<CustomerSuggestion> found = api.customers(atMost(q, MAX_NAME), country,
                city.isEmpty() ? null : atMost(city, MAX_CITY), SUGGESTIONS);
        wizard.suggestions().clear();
        for (CustomerSuggestion customer : found) {
            Opportunity.Address address = customer.address() == null
                    ? new Opportunity.Address(null, null, null, null, country) : customer.address();
            wizard.suggestions().add(new SuggestedCustomer(customer.name(), customer.dunsNumber(), address.street(),
                    address.city(), address.region(), address.postalCode(), address.country()));
        }
    }

    private String pickCustomer(DealWizard wizard, String argument) {
        index(argument, wizard.suggestions().size()).ifPresent(i -> {
            SuggestedCustomer picked = wizard.suggestions().get(i);
            DealDraft.Customer customer = wizard.draft().getCustomer();
            customer.setName(picked.name());
            customer.setDunsNumber(picked.dunsNumber());
            DealDraft.Address address = new DealDraft.Address();
            address.setStreet(picked.street());
            address.setCity(picked.city());
            address.setRegion(picked.region());
            address.setPostalCode(picked.postalCode());
            address.setCountry(picked.country());
            customer.setAddress(address);
            wizard.suggestions().clear();
        });
        return redirect(wizard, WizardStep.CUSTOMER);
    }

    /** One of the recent contacts as a team member, in the empty row if there is one. */
    private String quickAdd(DealWizard wizard, String email) {
        List<Person> employees = wizard.draft().getEmployees();
        boolean listed = employees.stream().anyMatch(e -> e.getEmail().equalsIgnoreCase(email));
        if (!listed) {
            api.recentContacts(RECENT_CONTACTS).stream()
                    .filter(contact -> contact.email() != null && contact.email().equalsIgnoreCase(email))
                    .findFirst()
                    .ifPresent(contact -> {
                        employees.removeIf(Person::isEmpty);
                        if (employees.size() < MAX_ROWS) {
                            employees.add(new Person(contact.name(), contact.phone(), contact.email()));
                        }
                    });
        }
        return redirect(wizard, WizardStep.EMPLOYEES);
    }

    private String addSolution(DealWizard wizard, String id, String query, String type) {
        List<DealDraft.ChosenSolution> chosen = wizard.draft().getSolutions();
        if (!id.isEmpty() && chosen.size() < MAX_ROWS && chosen.stream().noneMatch(s -> s.id().equals(id))) {
            CatalogSolution solution = api.solution(id);
            chosen.add(new DealDraft.ChosenSolution(solution.id(), solution.name(), solution.type()));
        }
        return solutionsPage(wizard, query, type);
    }

    private String page(DealWizard wizard, WizardStep step, BindingResult errors, String q, String type, Model model) {
        model.addAttribute("wizard", wizard.id());
        model.addAttribute("step", step);
        model.addAttribute("steps", WizardStep.values());
        model.addAttribute("defaultAction", step == WizardStep.SOLUTIONS ? "search" : step.isLast() ? "create" : "next");
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "draft", errors);
        model.addAttribute("duplicates", step == WizardStep.CUSTOMER ? List.of() : wizard.duplicates());
        switch (step) {
            case CUSTOMER -> {
                model.addAttribute("suggestions", wizard.suggestions());
                model.addAttribute("countries", countries());
            }
            case EMPLOYEES -> model.addAttribute("recentContacts", api.recentContacts(RECENT_CONTACTS).stream()
                    .filter(contact -> contact.email() != null).toList());
            case SOLUTIONS -> {
                String query = q == null || q.isBlank() ? null : atMost(q.strip(), MAX_NAME);
                String shownType = type != null && SOLUTION_TYPES.contains(type) ? type : null;
                model.addAttribute("solutionQuery", query);
                model.addAttribute("solutionType", shownType);
                model.addAttribute("solutionTypes", SOLUTION_TYPES);
                model.addAttribute("catalog", api.solutions(query, shownType));
                model.addAttribute("chosenIds", wizard.draft().getSolutions().stream()
                        .map(DealDraft.ChosenSolution::id).collect(Collectors.toSet()));
            }
            default -> {
            }
        }
        return "deal-wizard";
    }

    private String invalid(DealWizard wizard, WizardStep step, BindingResult errors, Model model,
                           HttpServletResponse response) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("formError", "form.fix");
        return page(wizard, step, errors, null, null, model);
    }

    /** The API's last refusal, on the step shown: each error on its field, or above the form if it names none. */
    private static void showApiErrors(DealWizard wizard, WizardStep step, BindingResult errors) {
        wizard.apiErrors().forEach((field, message) -> {
            if (WizardStep.owning(field) != step) {
                return;
            }
            if (!field.isEmpty() && errors.getFieldType(field) != null) {
                errors.rejectValue(field, "api", message);
            }
            else {
                errors.reject(message.isEmpty() ? "error.problem.text" : "api", message.isEmpty() ? null : message);
            }
        });
    }

    /** Errors that never grow the draft's lists to fit a path (an API error about a row that is gone). */
    private static BindingResult errorsOf(DealDraft draft) {
        return new BeanPropertyBindingResult(draft, "draft", false, MAX_ROWS);
    }

    private static String draftField(String apiField) {
        if (apiField == null) {
            return "";
        }
        if (apiField.startsWith("solutions")) {
            return "solutions";
        }
        if (EMPLOYEE_ITEM.matcher(apiField).matches()) {
            return "employees";
        }
        return API_FIELDS.getOrDefault(apiField, apiField);
    }

    private static CosellApi.NewDeal request(DealDraft draft) {
        DealDraft.Customer customer = draft.getCustomer();
        DealDraft.Address address = customer.getAddress();
        DealDraft.Contact contact = customer.getContact();
        return new CosellApi.NewDeal(draft.getName(),
                new CosellApi.Money(new BigDecimal(OpportunityForms.amount(draft.getEstimatedValue().getAmount())),
                        draft.getEstimatedValue().getCurrency()),
                draft.getEstimatedCloseDate(),
                OpportunityForms.blankToNull(draft.getNotes()),
                OpportunityForms.blankToNull(draft.getCrmId()),
                OpportunityForms.blankToNull(draft.getCampaignId()),
                new CosellApi.NewCustomer(customer.getName(), OpportunityForms.blankToNull(customer.getDunsNumber()),
                        new CosellApi.Address(OpportunityForms.blankToNull(address.getStreet()),
                                OpportunityForms.blankToNull(address.getCity()),
                                OpportunityForms.blankToNull(address.getRegion()),
                                OpportunityForms.blankToNull(address.getPostalCode()), address.getCountry()),
                        contact.isEmpty() ? null : new CosellApi.Contact(OpportunityForms.blankToNull(contact.getName()),
                                OpportunityForms.blankToNull(contact.getPhone()),
                                OpportunityForms.blankToNull(contact.getEmail())),
                        customer.isConsentToShareContact()),
                draft.getEmployees().stream().map(e -> new CosellApi.Contact(e.getName(), e.getPhone(), e.getEmail())).toList(),
                draft.getSolutions().stream().map(s -> new CosellApi.SolutionRef(s.id(), s.name(), s.type())).toList(),
                draft.isCoSell() ? new CosellApi.MicrosoftHelp(true, draft.getMicrosoftHelp().getNotes().strip()) : null);
    }

    /** Every country, named in the page's language, in that language's order. */
    static List<Country> countries() {
        Locale locale = LocaleContextHolder.getLocale();
        Collator order = Collator.getInstance(locale);
        return Arrays.stream(Locale.getISOCountries())
                .map(code -> new Country(code, new Locale.Builder().setRegion(code).build().getDisplayCountry(locale)))
                .sorted(Comparator.comparing(Country::name, order))
                .toList();
    }

    private static WizardStep stepOf(String path) {
        return WizardStep.ofPath(path).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The API refuses a longer search (400); a prefix that long finds the same. */
    private static String atMost(String text, int length) {
        return text.length() > length ? text.substring(0, length) : text;
    }

    private static Optional<Integer> index(String argument, int size) {
        try {
            int i = Integer.parseInt(argument);
            return i >= 0 && i < size ? Optional.of(i) : Optional.empty();
        }
        catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String redirect(DealWizard wizard, WizardStep step) {
        return "redirect:/deals/new/" + wizard.id() + "/" + step.path();
    }

    private static String solutionsPage(DealWizard wizard, String query, String type) {
        UriComponentsBuilder page = UriComponentsBuilder.fromPath("/deals/new/{wizard}/solutions");
        if (query != null && !query.isBlank()) {
            page.queryParam("q", "{q}");
        }
        if (type != null && SOLUTION_TYPES.contains(type)) {
            page.queryParam("type", type);
        }
        return "redirect:" + page.encode().buildAndExpand(Map.of("wizard", wizard.id(),
                "q", query == null ? "" : query.strip())).toUriString();
    }

    record Country(String code, String name) {
    }
}
