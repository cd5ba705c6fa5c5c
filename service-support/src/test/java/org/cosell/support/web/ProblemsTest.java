package org.cosell.support.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ProblemsTest {

    record Employee(String email, int age) {
    }

    record Team(String name, List<Employee> employees) {
    }

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void namesAMistypedValueByItsPathAsBeanValidationNamesFields() {
        DatabindException mistyped = catchThrowableOfType(DatabindException.class, () -> json.readValue(
                "{\"name\":\"a\",\"employees\":[{\"email\":\"x@y.z\",\"age\":1},{\"email\":\"x@y.z\",\"age\":\"old\"}]}",
                Team.class));

        assertThat(Problems.FieldError.mistyped(mistyped))
                .isEqualTo(new Problems.FieldError("employees[1].age", "is not a valid value"));
    }
}
