//! `[paging]`: where a paged query's records, total and record ids are, and its page sizes.

use toml::Spanned;

use super::Ctxt;
use crate::file::PagingTable;
use crate::model::{Field, Paging, Protocol, Response, Struct, Type};

impl Ctxt<'_> {
    pub(super) fn paging(
        &mut self,
        table: &Spanned<PagingTable>,
        response: Option<&Response>,
        structs: &[Struct],
        protocol: Protocol,
    ) -> Option<Paging> {
        let p = table.get_ref();
        if protocol == Protocol::Qimen {
            self.error(
                table.span(),
                "paging: qimen endpoints page in the body; model page and pageSize as request fields",
            );
            return None;
        }
        let Some(response) = response else {
            self.error(table.span(), "paging: a paged endpoint needs a [response]");
            return None;
        };
        let data = match &response.ty {
            Type::Struct(name) => structs.iter().find(|s| s.name == *name),
            _ => None,
        };
        let (list, item) = self.records(table, response, data)?;
        let total = p.total.as_ref().and_then(|total| {
            let field =
                data.and_then(|d| d.fields.iter().find(|f| f.wire_name == *total.get_ref()));
            match field {
                Some(f) if matches!(f.ty, Type::Int | Type::Long) => Some(f.clone()),
                Some(_) => {
                    self.error(
                        total.span(),
                        format!("paging: total '{}' must be an int or long", total.get_ref()),
                    );
                    None
                }
                None => {
                    self.error(
                        total.span(),
                        format!(
                            "paging: the response has no field '{}' for the total",
                            total.get_ref()
                        ),
                    );
                    None
                }
            }
        });
        let record = match &item {
            Type::Struct(name) => structs.iter().find(|s| s.name == *name),
            _ => None,
        };
        let id = p.id.as_ref().and_then(|id| {
            self.record_field(
                record,
                id,
                "id",
                |ty| matches!(ty, Type::String | Type::Int | Type::Long),
                "a string, int or long",
            )
        });
        let modified = p.modified.as_ref().and_then(|modified| {
            self.record_field(
                record,
                modified,
                "modified",
                |ty| {
                    matches!(
                        ty,
                        Type::DateTime | Type::Date | Type::String | Type::Int | Type::Long
                    )
                },
                "a datetime, date, string, int or long",
            )
        });
        let default = *p.default_page_size.get_ref();
        let stated = p.max_page_size.as_ref().map(|m| *m.get_ref());
        let assumed = p.assumed_max_page_size.as_ref().map(|m| *m.get_ref());
        if let (Some(_), Some(a)) = (stated, &p.assumed_max_page_size) {
            self.error(
                a.span(),
                "paging: max_page_size (stated by the page) and assumed_max_page_size exclude each other",
            );
        }
        let ceiling = stated.or(assumed).unwrap_or(u32::MAX);
        if default == 0 || default > ceiling {
            self.error(
                p.default_page_size.span(),
                format!("paging: default_page_size {default} must be between 1 and {ceiling}"),
            );
        }
        for max in [&p.max_page_size, &p.assumed_max_page_size]
            .into_iter()
            .flatten()
        {
            if *max.get_ref() == 0 {
                self.error(max.span(), "paging: a maximum page size must be at least 1");
            }
        }
        Some(Paging {
            list: list.cloned(),
            item,
            total,
            id,
            modified,
            default_page_size: default,
            max_page_size: stated,
            assumed_max_page_size: assumed,
        })
    }

    /// The field of each record that `[paging]`'s `key` names, if it has the right type.
    fn record_field(
        &mut self,
        record: Option<&Struct>,
        name: &Spanned<String>,
        key: &str,
        fits: impl Fn(&Type) -> bool,
        expected: &str,
    ) -> Option<Field> {
        match record.and_then(|s| s.fields.iter().find(|f| f.wire_name == *name.get_ref())) {
            Some(f) if fits(&f.ty) => Some(f.clone()),
            Some(f) => {
                self.error(
                    name.span(),
                    format!(
                        "paging: {key} '{}' must be {expected}, not {}",
                        name.get_ref(),
                        f.ty
                    ),
                );
                None
            }
            None => {
                self.error(
                    name.span(),
                    format!("paging: the records have no field '{}'", name.get_ref()),
                );
                None
            }
        }
    }

    /// The field holding the records (when `list` names one) and the record type.
    fn records<'s>(
        &mut self,
        table: &Spanned<PagingTable>,
        response: &Response,
        data: Option<&'s Struct>,
    ) -> Option<(Option<&'s Field>, Type)> {
        let p = table.get_ref();
        match (&p.list, data) {
            (Some(list), Some(data)) => {
                match data.fields.iter().find(|f| f.wire_name == *list.get_ref()) {
                    Some(
                        field @ Field {
                            ty: Type::List(item),
                            ..
                        },
                    ) => Some((Some(field), (**item).clone())),
                    Some(_) => {
                        self.error(
                            list.span(),
                            format!("paging: '{}' is not a list", list.get_ref()),
                        );
                        None
                    }
                    None => {
                        self.error(
                            list.span(),
                            format!(
                                "paging: response struct '{}' has no field '{}'",
                                data.name,
                                list.get_ref()
                            ),
                        );
                        None
                    }
                }
            }
            (Some(list), None) => {
                self.error(list.span(), "paging: `list` needs a struct [response] type");
                None
            }
            (None, _) => match &response.ty {
                Type::List(item) => Some((None, (**item).clone())),
                _ => {
                    self.error(
                        table.span(),
                        "paging: without `list`, the [response] type must itself be a list",
                    );
                    None
                }
            },
        }
    }
}
