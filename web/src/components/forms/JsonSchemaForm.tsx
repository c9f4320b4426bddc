"use client";
// A form rendered from a JSON Schema by react-jsonschema-form (a catalogue
// item's form), in the app's look. Heavy (the library and Ajv, which also
// decides `if`/`then` branches), so screens load it with `next/dynamic`
// (see LazyJsonSchemaForm) and only on pages that show a form.
//
// The server checks the answers (one set of rules, its messages): the
// form does not validate by itself, and shows the server's errors beside
// their fields through `errors` (see lib/answers.ts).

import Form from "@rjsf/core";
import type { ErrorSchema, IconButtonProps, RJSFSchema, UiSchema } from "@rjsf/utils";
import validator from "@rjsf/validator-ajv8";
import type { ReactNode } from "react";
import type { Answers, JsonSchema } from "@/lib/api";
import type { ErrorTree } from "@/lib/answers";
import { buttonClass } from "@/components/ui/Button";

export interface JsonSchemaFormProps {
  schema: JsonSchema;
  answers: Answers;
  onChange: (answers: Answers) => void;
  /** Without it the form is a preview: nothing to submit, and no `<form>` of its own (it may sit in another form). */
  onSubmit?: (answers: Answers) => void;
  /** The server's errors, by field. */
  errors?: ErrorTree;
  disabled?: boolean;
  /** Prefix of the fields' ids (two forms on one page need different ones). */
  idPrefix?: string;
  /** The buttons at the form's end (its submit button among them). */
  children?: ReactNode;
}

function TextButton({ children, className, iconType, icon, uiSchema, registry, ...rest }: IconButtonProps & { children: ReactNode }) {
  void iconType;
  void icon;
  void uiSchema;
  void registry;
  return (
    <button type="button" {...rest} aria-label={rest.title} className={buttonClass(iconType === "danger" ? "ghost" : "secondary", "sm", className)}>
      {children}
    </button>
  );
}

const templates = {
  ButtonTemplates: {
    AddButton: (props: IconButtonProps) => (
      <TextButton {...props} title={props.title ?? "Add"}>
        + Add
      </TextButton>
    ),
    RemoveButton: (props: IconButtonProps) => (
      <TextButton {...props} iconType="danger" title={props.title ?? "Remove"}>
        Remove
      </TextButton>
    ),
    MoveUpButton: (props: IconButtonProps) => (
      <TextButton {...props} title={props.title ?? "Move up"}>
        ↑
      </TextButton>
    ),
    MoveDownButton: (props: IconButtonProps) => (
      <TextButton {...props} title={props.title ?? "Move down"}>
        ↓
      </TextButton>
    ),
    CopyButton: (props: IconButtonProps) => (
      <TextButton {...props} title={props.title ?? "Copy"}>
        Copy
      </TextButton>
    ),
    ClearButton: (props: IconButtonProps) => (
      <TextButton {...props} title={props.title ?? "Clear"}>
        Clear
      </TextButton>
    ),
  },
};

const uiSchema: UiSchema = { "ui:submitButtonOptions": { norender: true } };

export default function JsonSchemaForm({ schema, answers, onChange, onSubmit, errors, disabled, idPrefix = "answers", children }: JsonSchemaFormProps) {
  return (
    <Form
      className="rjsf"
      tagName={onSubmit ? "form" : "div"}
      schema={schema as RJSFSchema}
      uiSchema={uiSchema}
      formData={answers}
      validator={validator}
      templates={templates}
      idPrefix={idPrefix}
      noValidate
      noHtml5Validate
      showErrorList={false}
      disabled={disabled}
      extraErrors={errors as ErrorSchema | undefined}
      onChange={(event) => onChange((event.formData ?? {}) as Answers)}
      onSubmit={(event, e) => {
        e?.preventDefault?.();
        onSubmit?.((event.formData ?? {}) as Answers);
      }}
    >
      {children ?? <></>}
    </Form>
  );
}
