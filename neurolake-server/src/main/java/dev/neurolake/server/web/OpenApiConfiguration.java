package dev.neurolake.server.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title and how clients authenticate (API key or session cookie). */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration
{
    @Bean
    OpenAPI neuroLakeOpenApi()
    {
        return new OpenAPI()
                .info(new Info()
                        .title("NeuroLake API")
                        .version("v1")
                        .description("Lake tables (Iceberg + Parquet), SQL over DuckDB, governance. Errors are RFC 9457 problem+json with a stable 'code'.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").description("Authorization: Bearer nlk_..."))
                        .addSecuritySchemes("session", new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.COOKIE).name("JSESSIONID")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"))
                .addSecurityItem(new SecurityRequirement().addList("session"));
    }
}
